// The minute's scheduler tick is several jobs in a row. Each runs on its own, so one failing does not keep the
// next from its minute, and each starts only once the Slack requests that arrived meanwhile are acked (or after a
// bounded wait; in Socket Mode nothing is counted, so nothing waits): a job's reads and checks hold the event loop
// that acks for tens of ms at a time (a CPU profile of `npm run bench -- lean`: 50-90 ms a tick for 125 owners),
// and a burst of commands should not wait behind them.
import type { Logger } from "@slack/bolt";

export interface TickStep {
  /** What the step does, for the warning when it fails ("opening gate issues"). */
  what: string;
  run(): Promise<unknown>;
}

export async function runTickSteps(steps: readonly TickStep[], deps: { afterPendingAcks: () => Promise<void>; logger: Logger }): Promise<void> {
  for (const step of steps) {
    await deps.afterPendingAcks();
    await step.run().catch((error: Error) => deps.logger.warn(`${step.what} failed: ${error.message}`));
  }
}
