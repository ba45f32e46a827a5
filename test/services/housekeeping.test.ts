// Housekeeping with in-memory tables: what it keeps, what it forgets, and how often it looks.
import { describe, expect, it } from "vitest";
import type { Logger } from "@slack/bolt";
import { Housekeeping } from "../../src/services/housekeeping";

const DAY = 86_400_000;
const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => "info", setName() {} } as unknown as Logger;

function tables(now: Date) {
  const events = [1, 6, 8, 30].map((days) => ({ key: `e${days}`, at: new Date(now.getTime() - days * DAY) }));
  const deliveries = [
    { key: "sent-10", state: "sent", sentAt: new Date(now.getTime() - 10 * DAY) },
    { key: "sent-100", state: "sent", sentAt: new Date(now.getTime() - 100 * DAY) },
    { key: "failed-200", state: "failed", sentAt: null as Date | null },
  ];
  return {
    events,
    deliveries,
    processedEvents: {
      async pruneBefore(before: Date) {
        const kept = events.filter((event) => event.at >= before);
        const removed = events.length - kept.length;
        events.splice(0, events.length, ...kept);
        return removed;
      },
    },
    deliveryTable: {
      async pruneSentBefore(before: Date) {
        const kept = deliveries.filter((row) => row.state !== "sent" || (row.sentAt && row.sentAt >= before));
        const removed = deliveries.length - kept.length;
        deliveries.splice(0, deliveries.length, ...kept);
        return removed;
      },
    },
  };
}

describe("Housekeeping", () => {
  it("forgets processed events after 7 days and sent deliveries after 90, keeps unfinished ones", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const t = tables(now);
    await new Housekeeping({ processedEvents: t.processedEvents, deliveries: t.deliveryTable, logger: silent }).pruneDue(now);
    expect(t.events.map((event) => event.key)).toEqual(["e1", "e6"]);
    expect(t.deliveries.map((row) => row.key)).toEqual(["sent-10", "failed-200"]);
  });

  it("forgets agent API idempotency keys after 24 hours", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const t = tables(now);
    let cutoff: Date | undefined;
    const idempotencyKeys = { pruneBefore: async (before: Date) => ((cutoff = before), 3) };
    await new Housekeeping({ processedEvents: t.processedEvents, deliveries: t.deliveryTable, idempotencyKeys, logger: silent }).pruneDue(now);
    expect(cutoff).toEqual(new Date(now.getTime() - DAY));
  });

  it("prunes at most once an hour", async () => {
    const now = new Date("2026-11-30T12:00:00Z");
    let calls = 0;
    const counting = { pruneBefore: async () => (calls++, 0), pruneSentBefore: async () => 0 };
    const housekeeping = new Housekeeping({ processedEvents: counting, deliveries: counting, logger: silent });
    await housekeeping.pruneDue(now);
    await housekeeping.pruneDue(new Date(now.getTime() + 59 * 60_000));
    await housekeeping.pruneDue(new Date(now.getTime() + 61 * 60_000));
    expect(calls).toBe(2);
  });
});
