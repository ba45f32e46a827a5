// Keeps the bookkeeping tables from only growing: processed Slack events are needed for Slack's retries (minutes),
// finished deliveries for recovering and updating recent posts, agent API idempotency keys for 24 hours. The
// audit log is kept for good.
import type { Logger } from "@slack/bolt";
import { IDEMPOTENCY_TTL_MS } from "../repositories/idempotency-repository";

export const KEEP_PROCESSED_EVENTS_DAYS = 7;
export const KEEP_SENT_DELIVERIES_DAYS = 90;
// Pruning is cheap but pointless every minute.
const PRUNE_EVERY_MS = 3600_000;
const DAY_MS = 86_400_000;

export interface PrunableTables {
  processedEvents: { pruneBefore(before: Date): Promise<number> };
  deliveries: { pruneSentBefore(before: Date): Promise<number> };
  idempotencyKeys?: { pruneBefore(before: Date): Promise<number> };
}

export class Housekeeping {
  private lastPrunedAt: number | undefined;

  constructor(private readonly deps: PrunableTables & { logger: Logger }) {}

  /** Prunes when an hour has passed since the last time (always on the first call). */
  async pruneDue(now: Date): Promise<void> {
    if (this.lastPrunedAt !== undefined && now.getTime() - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    this.lastPrunedAt = now.getTime();
    const events = await this.deps.processedEvents.pruneBefore(new Date(now.getTime() - KEEP_PROCESSED_EVENTS_DAYS * DAY_MS));
    const deliveries = await this.deps.deliveries.pruneSentBefore(new Date(now.getTime() - KEEP_SENT_DELIVERIES_DAYS * DAY_MS));
    const keys = (await this.deps.idempotencyKeys?.pruneBefore(new Date(now.getTime() - IDEMPOTENCY_TTL_MS))) ?? 0;
    if (events + deliveries + keys > 0) {
      this.deps.logger.info(`pruned ${events} processed Slack events, ${deliveries} delivered messages and ${keys} agent API idempotency keys`);
    }
  }
}
