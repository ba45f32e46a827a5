// Counts requests still being handled (after their ack), so stopping the app can let them finish first
// instead of cutting their Slack calls and database writes off.
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";

export class InFlightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];

  middleware() {
    return async ({ next }: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
      this.count += 1;
      try {
        await next();
      } finally {
        this.count -= 1;
        if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
      }
    };
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` whatever remains. */
  async drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
