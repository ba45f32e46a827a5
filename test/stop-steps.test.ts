// Stopping in order, within one deadline: a step that hangs or throws is logged and the later ones still run.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stopSteps } from "../src/stop-steps";

const never = () => new Promise<void>(() => {});

describe("stopSteps", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function recorder() {
    const errors: string[] = [];
    return { errors, logger: { error: (message: string) => errors.push(message) } };
  }

  it("runs the steps in order and logs nothing when each finishes", async () => {
    const { errors, logger } = recorder();
    const step = stopSteps({ withinMs: 10_000, logger });
    const ran: string[] = [];
    await step("first", async () => void ran.push("first"));
    await step("second", async () => void ran.push("second"));
    expect(ran).toEqual(["first", "second"]);
    expect(errors).toEqual([]);
  });

  it("gives up on a step that hangs at the deadline, names it, and still runs the next one for a moment", async () => {
    const { errors, logger } = recorder();
    const step = stopSteps({ withinMs: 10_000, logger });
    let closed = false;
    const stopping = (async () => {
      await step("the Slack receiver", never);
      await step("closing the database", async () => {
        closed = true;
      });
    })();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(errors).toEqual(["stopping: gave up waiting for the Slack receiver after 10000 ms; going on without it"]);
    expect(closed).toBe(true);
  });

  it("gives each step after the deadline half a second, so a second hung step costs that, not forever", async () => {
    const { errors, logger } = recorder();
    const step = stopSteps({ withinMs: 5_000, logger });
    const stopping = (async () => {
      await step("the scheduler's tick", never);
      await step("refreshes of Slack messages", never);
    })();
    await vi.advanceTimersByTimeAsync(5_500);
    await stopping;
    expect(errors).toEqual([
      "stopping: gave up waiting for the scheduler's tick after 5000 ms; going on without it",
      "stopping: gave up waiting for refreshes of Slack messages after 500 ms; going on without it",
    ]);
  });

  it("reports a step that fails after it was given up on, and nothing is left unhandled", async () => {
    const { errors, logger } = recorder();
    const step = stopSteps({ withinMs: 1_000, logger });
    let fail: (error: Error) => void = () => undefined;
    await Promise.all([step("the off-loop thread", () => new Promise((_, reject) => (fail = reject))), vi.advanceTimersByTimeAsync(1_000)]);
    fail(new Error("the thread exited (1)"));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([
      "stopping: gave up waiting for the off-loop thread after 1000 ms; going on without it",
      "stopping: the off-loop thread failed: the thread exited (1)",
    ]);
  });

  it("logs a step that throws and goes on", async () => {
    const { errors, logger } = recorder();
    const step = stopSteps({ withinMs: 10_000, logger });
    let next = false;
    await step("leaving the instance registry", async () => {
      throw new Error("connection refused");
    });
    await step("closing the database", async () => {
      next = true;
    });
    expect(errors).toEqual(["stopping: leaving the instance registry failed: connection refused"]);
    expect(next).toBe(true);
  });
});
