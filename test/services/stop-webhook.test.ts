// StopWebhook with an in-memory delivery table and a fake receiver: signed, retried with backoff, given up after 24 h.
import { describe, expect, it } from "vitest";
import { verifyStopWebhook } from "../../src/domain/stop-webhook";
import type { WebhookDelivery, WebhookRepository } from "../../src/repositories/webhook-repository";
import { StopWebhook, type PostWebhook } from "../../src/services/stop-webhook";
import { recordingLogger } from "./fakes";

const START = new Date("2026-11-24T10:00:00Z");
const SECRET = "whsec_test";

function setUp(answers: (number | Error)[]) {
  const rows: (WebhookDelivery & { seatName: string })[] = [
    {
      id: 1,
      seatId: 3,
      seatName: "Bot",
      url: "https://agent.example/stop",
      body: '{"seat":"Bot"}',
      state: "pending",
      attempts: 0,
      nextAttemptAt: START,
      createdAt: START,
      lastError: null,
    },
  ];
  const attempts: { state: string; attempts: number; error: string | null }[] = [];
  const received: { verified: boolean }[] = [];
  const webhooks = {
    due: async (now: Date) => rows.filter((row) => row.state === "pending" && row.nextAttemptAt <= now),
    claim: async (row: WebhookDelivery, until: Date) => {
      const stored = rows.find((candidate) => candidate.id === row.id)!;
      if (stored.nextAttemptAt.getTime() !== row.nextAttemptAt.getTime()) return false;
      stored.nextAttemptAt = until;
      return true;
    },
    secretOf: async () => SECRET,
    recordAttempt: async (id: number, outcome: { state: "sent" | "pending" | "failed"; attempts: number; nextAttemptAt: Date; error: string | null }) => {
      Object.assign(rows.find((row) => row.id === id)!, {
        state: outcome.state,
        attempts: outcome.attempts,
        nextAttemptAt: outcome.nextAttemptAt,
        lastError: outcome.error,
      });
      attempts.push({ state: outcome.state, attempts: outcome.attempts, error: outcome.error });
    },
    failing: async () => rows.filter((row) => row.state === "failed" || (row.state === "pending" && row.lastError)),
  } as unknown as WebhookRepository;
  let now = START;
  const post: PostWebhook = async (_url, headers, body) => {
    received.push({
      verified: verifyStopWebhook(
        SECRET,
        { timestamp: headers["X-Cadence-Timestamp"], signature: headers["X-Cadence-Signature"] },
        body,
        Math.floor(now.getTime() / 1000),
      ),
    });
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return { status: answer };
  };
  const service = new StopWebhook({
    webhooks,
    stages: { aiSeat: async () => ({ ok: false, error: "unused" }) },
    post,
    clock: () => now,
    logger: recordingLogger(),
  });
  return { service, rows, attempts, received, at: (date: Date) => (now = date) };
}

describe("StopWebhook", () => {
  it("retries a receiver that is down with backoff, each attempt recorded, until it answers 2xx", async () => {
    const { service, attempts, received, at } = setUp([500, new Error("connect ECONNREFUSED")]);
    expect(await service.deliverDue(START)).toBe(0);
    expect(await service.deliverDue(at(new Date(START.getTime() + 30_000)))).toBe(0); // not due before 1 minute
    expect(await service.deliverDue(at(new Date(START.getTime() + 60_000)))).toBe(0);
    expect(await service.deliverDue(at(new Date(START.getTime() + 3 * 60_000)))).toBe(1);
    expect(attempts).toEqual([
      { state: "pending", attempts: 1, error: "HTTP 500" },
      { state: "pending", attempts: 2, error: "connect ECONNREFUSED" },
      { state: "sent", attempts: 3, error: null },
    ]);
    expect(received.every((request) => request.verified)).toBe(true);
  });

  it("gives up after 24 hours and shows admins the failure", async () => {
    const { service, rows, at } = setUp(Array(100).fill(503));
    for (let minute = 0; minute <= 25 * 60; minute += 1) await service.deliverDue(at(new Date(START.getTime() + minute * 60_000)));
    expect(rows[0].state).toBe("failed");
    expect(rows[0].attempts).toBeGreaterThan(20);
    expect(rows[0].attempts).toBeLessThan(40);
    const section = await service.failedSection();
    expect(section.items.map((item) => item.text)).toEqual([`"Bot" → https://agent.example/stop: HTTP 503 after ${rows[0].attempts} attempts (given up)`]);
  });
});
