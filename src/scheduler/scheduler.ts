// A clock, not a cron per owner: every minute, ask the weekly loop what is due now. node-cron keeps no state
// and skips minutes while the app is down, so what is due is decided from the database and `now`.
import cron from "node-cron";
import type { Logger } from "@slack/bolt";

export interface Scheduler {
  stop(): void;
}

export function startScheduler(deps: { tick: () => Promise<void>; logger: Logger }): Scheduler {
  let running = false;
  const runTick = async () => {
    // A slow tick (a big fan-out) must not overlap the next one.
    if (running) return;
    running = true;
    try {
      await deps.tick();
    } catch (error) {
      deps.logger.error(`scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const task = cron.schedule("* * * * *", runTick);
  // The first tick runs right away, so work missed while the app was down is caught up at start.
  void runTick();
  return { stop: () => void task.stop() };
}
