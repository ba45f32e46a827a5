// A clock, not a cron per owner: every minute, ask the weekly loop what is due now. node-cron keeps no state
// and skips minutes while the app is down, so what is due is decided from the database and `now`.
import cron from "node-cron";
import type { Logger } from "@slack/bolt";

export interface Scheduler {
  /** Stops ticking and waits (up to `graceMs`) for a tick under way; claims it leaves are recovered later. */
  stop(graceMs: number): Promise<void>;
}

export function startScheduler(deps: { tick: () => Promise<void>; logger: Logger }): Scheduler {
  let running: Promise<void> | undefined;
  const runTick = () => {
    // A slow tick (a big fan-out) must not overlap the next one.
    running ??= deps
      .tick()
      .catch((error: unknown) => deps.logger.error(`scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule("* * * * *", runTick);
  // The first tick runs right away, so work missed while the app was down is caught up at start.
  void runTick();
  return {
    async stop(graceMs) {
      await task.stop();
      if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
