// Counts work still running: requests being handled (after their ack) and anything else handed to track()
// (scheduler ticks, start-up checks). Stopping the app lets it finish first instead of cutting its Slack calls
// and database writes off; tests wait for idle() instead of sleeping before they assert that nothing more came.
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";

type Middleware = (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

export class InFlightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];

  /**
   * A global middleware that counts each request while `around` runs (it calls next(), or answers itself): one
   * middleware for both, since Bolt copies a request's arguments for each global middleware it calls.
   */
  middleware(around: Middleware = ({ next }) => next()): Middleware {
    return async (args) => {
      await this.track(around(args));
    };
  }

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work;
    } finally {
      this.count -= 1;
      // A listener's last await may start more tracked work; wake waiters only when none follows this turn.
      if (this.count === 0)
        setImmediate(
          () =>
            this.count === 0 &&
            this.waiters.splice(0).forEach((wake) => {
              wake();
            }),
        );
    }
  }

  /** Resolves when nothing is in flight. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves when nothing is in flight, or after `timeoutMs` whatever remains. */
  async drained(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }
}
