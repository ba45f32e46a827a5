// Governance reviews of AI seats, set by admins (the /cadence listener checks that).
import type { Review, ReviewKind, ReviewState } from "../domain/review";
import type { Seat } from "../domain/model";
import type { ReviewRepository } from "../repositories/review-repository";
import { done, type Outcome } from "./outcome";
import type { StageService } from "./stage-service";

export class ReviewService {
  constructor(
    private readonly deps: { reviews: Pick<ReviewRepository, "set" | "forSeat">; stages: Pick<StageService, "aiSeat">; required: readonly ReviewKind[] },
  ) {}

  async set(
    input: { seat: string; kind: ReviewKind; state: ReviewState; note: string | null },
    actor: string,
    now: Date,
  ): Promise<Outcome<{ seat: Seat; review: Review; required: boolean }>> {
    const seat = await this.deps.stages.aiSeat(input.seat);
    if (!seat.ok) return seat;
    const review: Review = { kind: input.kind, state: input.state, note: input.note, by: actor, at: now };
    await this.deps.reviews.set(seat.value.id, review);
    return done({ seat: seat.value, review, required: this.deps.required.includes(input.kind) });
  }
}
