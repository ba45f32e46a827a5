// The check-in fan-out shared by every instance on PostgreSQL: the queue of DMs still to send, claimed in this
// instance's name and judged live or dead by the same heartbeat as the scheduler lease.
import type { CheckinQueueRepository, PendingCheckin } from "../repositories/checkin-queue-repository";

/** What CheckinService needs to share its fan-out with other instances (a port, so it is tested with a fake). */
export interface SharedCheckins {
  /** Records DMs due for `week`; rows that exist already are left alone. */
  enqueue(week: string, ownerIds: string[]): Promise<void>;
  /** Claims up to `limit` DMs of `weeks` that no live instance holds. */
  claim(weeks: string[], limit: number): Promise<PendingCheckin[]>;
  /** Gives up this instance's claim on a DM it did not send; the scheduler records it again while it is due. */
  drop(ownerId: string, week: string): Promise<void>;
}

export class SharedCheckinQueue implements SharedCheckins {
  constructor(
    private readonly queue: Pick<CheckinQueueRepository, "enqueue" | "claim" | "drop">,
    private readonly registry: { readonly id: string; staleBefore(): Promise<Date> },
  ) {}

  enqueue(week: string, ownerIds: string[]): Promise<void> {
    return this.queue.enqueue(week, ownerIds);
  }

  async claim(weeks: string[], limit: number): Promise<PendingCheckin[]> {
    return this.queue.claim(weeks, this.registry.id, await this.registry.staleBefore(), limit);
  }

  drop(ownerId: string, week: string): Promise<void> {
    return this.queue.drop(ownerId, week, this.registry.id);
  }
}
