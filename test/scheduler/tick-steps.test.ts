// A tick's jobs run in order, each once the pending acks are done, and one failing does not stop the next.
import { describe, expect, it } from "vitest";
import { runTickSteps } from "../../src/scheduler/tick-steps";

describe("runTickSteps", () => {
  it("starts each step only after the pending acks, and goes on past a failing one with a warning", async () => {
    const events: string[] = [];
    const waits: (() => void)[] = [];
    const afterPendingAcks = () => new Promise<void>((resolve) => waits.push(() => (events.push("acks done"), resolve())));
    const logger = { warn: (message: string) => events.push(`warn: ${message}`) } as never;
    const ticking = runTickSteps(
      [
        { what: "the weekly loop", run: async () => void events.push("weekly loop") },
        {
          what: "opening gate issues",
          run: async () => {
            events.push("gate");
            throw new Error("database is locked");
          },
        },
        { what: "pruning", run: async () => void events.push("pruning") },
      ],
      { afterPendingAcks, logger },
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    for (let step = 0; step < 3; step++) {
      await settle();
      expect(waits).toHaveLength(step + 1); // the step waits for the acks; nothing of it ran yet
      expect(events.filter((event) => event === "acks done")).toHaveLength(step);
      waits[step]!();
    }
    await ticking;
    expect(events).toEqual(["acks done", "weekly loop", "acks done", "gate", "warn: opening gate issues failed: database is locked", "acks done", "pruning"]);
  });
});
