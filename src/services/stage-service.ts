// Moving an AI seat between stages: the one way in for every surface (command, Pause and Promote buttons),
// with one permission check, the rules of stage.ts, and a history row and audit entry for each change.
import type { Logger } from "@slack/bolt";
import { checkStageChange, mayChangeStage, type SeatStage } from "../domain/stage";
import type { Seat } from "../domain/model";
import type { GateResult } from "../domain/gate";
import type { SeatRepository } from "../repositories/seat-repository";
import type { StageChange, StageRepository } from "../repositories/stage-repository";
import { recordRefusal, type AuditTrail } from "./audit-trail";
import { done, refused, type Outcome } from "./outcome";

export type StageChangeListener = (change: { seat: Seat; change: StageChange }) => Promise<void>;

/** What entering a stage depends on besides the seat itself: its KPIs, kill thresholds and gate. */
export interface StageFacts {
  kpisWithGoal(seat: Seat): Promise<number>;
  killThresholds(seat: Seat): Promise<number>;
  gateToProduction(seat: Seat, now: Date): Promise<GateResult>;
}

/** A request to move an AI seat to another stage: the seat by name (commands) or as read (buttons). */
export interface StageChangeRequest<SeatRef extends string | Seat> {
  seat: SeatRef;
  to: SeatStage;
  reason: string | null;
  actorId: string;
  via: "command" | "button";
  now: Date;
}

export class StageService {
  private readonly listeners: StageChangeListener[] = [];

  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "findSeatByName" | "findSeat">;
      stages: Pick<StageRepository, "change" | "history">;
      facts: StageFacts;
      isAdmin: (userId: string, now: Date) => Promise<boolean>;
      audit: AuditTrail;
      logger: Logger;
    },
  ) {}

  /** Called after a change is stored: the stop webhook and the views follow from here. */
  onChanged(listener: StageChangeListener): void {
    this.listeners.push(listener);
  }

  async changeByName(input: StageChangeRequest<string>): Promise<Outcome<{ seat: Seat; change: StageChange }>> {
    const seat = await this.aiSeat(input.seat);
    if (!seat.ok) return seat;
    return this.change({ ...input, seat: seat.value });
  }

  async change(input: StageChangeRequest<Seat>): Promise<Outcome<{ seat: Seat; change: StageChange }>> {
    const { seat, to, now } = input;
    const isAdmin = await this.deps.isAdmin(input.actorId, now);
    if (!mayChangeStage({ userId: input.actorId, isAdmin }, seat.ownerId, to)) {
      await recordRefusal(this.deps.audit, this.deps.logger, {
        actor: input.actorId,
        attempted: "seat.stage",
        entity: "seat",
        entityId: seat.id,
        reason: `not an admin (to ${to})`,
        at: now,
      });
      return refused(
        to === "paused"
          ? `only a Cadence admin or the seat's owner (<@${seat.ownerId}>) can pause "${seat.name}"`
          : `only a Cadence admin can move "${seat.name}" to ${to}`,
      );
    }
    const from = seat.stage ?? null;
    const needsSetUp = to === "shadow" || to === "production";
    const gate = to === "production" ? await this.deps.facts.gateToProduction(seat, now) : undefined;
    const verdict = checkStageChange({
      from,
      to,
      reason: input.reason,
      kpisWithGoal: needsSetUp ? await this.deps.facts.kpisWithGoal(seat) : 0,
      killThresholds: needsSetUp ? await this.deps.facts.killThresholds(seat) : 0,
      gatePasses: gate?.ready ?? false,
      gateBlockers: gate?.blockers ?? [],
    });
    if (!verdict.ok) return refused(`"${seat.name}": ${verdict.error}`);
    const change = await this.deps.stages.change({ seatId: seat.id, from, to, reason: input.reason, by: input.actorId, via: input.via, at: now });
    if (!change) return refused(`"${seat.name}" changed stage meanwhile; look again with \`/cadence seat history "${seat.name}"\``);
    const updated = { ...seat, stage: to, stageSince: now };
    for (const listener of this.listeners)
      await listener({ seat: updated, change }).catch((error: Error) => this.deps.logger.warn(`after "${seat.name}" moved to ${to}: ${error.message}`));
    return done({ seat: updated, change });
  }

  async history(seatName: string): Promise<Outcome<{ seat: Seat; changes: StageChange[] }>> {
    const seat = await this.aiSeat(seatName);
    if (!seat.ok) return seat;
    return done({ seat: seat.value, changes: await this.deps.stages.history(seat.value.id) });
  }

  /** An AI seat by name: human seats have no stage. */
  async aiSeat(name: string): Promise<Outcome<Seat>> {
    const seat = await this.deps.seats.findSeatByName(name);
    if (!seat) return refused(`no seat named "${name}"; \`/cadence seat list\` shows the seats`);
    if (seat.archivedAt) return refused(`"${seat.name}" is archived`);
    if (seat.kind !== "agent") return refused(`"${seat.name}" is a human seat; only AI seats have stages, gates, reviews and webhooks`);
    return done(seat);
  }
}
