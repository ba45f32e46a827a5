// The stop webhook: which stage changes it announces, what it sends, how it is signed, and its retry schedule.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isStopped, type SeatStage } from "./stage";

/** Paused, retired, and back to an active stage from either: the changes an agent must act on. */
export function announcesStop(from: SeatStage | null, to: SeatStage): boolean {
  return isStopped(to) || isStopped(from);
}

export interface StopWebhookBody {
  seat: string;
  stage: SeatStage;
  previousStage: SeatStage | null;
  reason: string | null;
  by: string;
  at: string;
}

export function stopWebhookBody(input: {
  seat: string;
  stage: SeatStage;
  previousStage: SeatStage | null;
  reason: string | null;
  by: string;
  at: Date;
}): string {
  const body: StopWebhookBody = {
    seat: input.seat,
    stage: input.stage,
    previousStage: input.previousStage,
    reason: input.reason,
    by: input.by,
    at: input.at.toISOString(),
  };
  return JSON.stringify(body);
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed by the seat's webhook secret. */
export function signStopWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (README): the signature matches and the timestamp is at most 5 minutes old. */
export function verifyStopWebhook(secret: string, headers: { timestamp: string; signature: string }, body: string, nowSeconds: number): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = Buffer.from(signStopWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Retried for a day: 1, 2, 4 … minutes after each failure, at most an hour apart. */
export const STOP_WEBHOOK_RETRY_MS = 24 * 3600_000;
export function stopWebhookBackoffMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 3600_000);
}
