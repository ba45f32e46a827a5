// Stopping runs its steps in order (the scheduler, then requests, then the database), but one step that never
// ends (a Slack call waiting out a long Retry-After, a query stuck behind a lock) must not keep the others from
// running: a process manager kills a stop that hangs (Kubernetes after 30 s by default), and then the database
// connection and the instance row are left for others to time out. So the steps share one deadline; a step
// still running at it is named in the log and left running behind the others (what it was doing is cut off, as
// in a crash, and recovered the same way), and each later step still gets a short moment.

/**
 * Every step after the deadline still gets this long: closing the database is quick and worth waiting for. With
 * the ten steps of main.ts's stopInOrder, a stop whose every step hangs ends 5 s after the deadline.
 */
const LATE_STEP_MS = 500;

export type StopStep = (name: string, work: () => Promise<unknown>) => Promise<void>;

export function stopSteps(options: { withinMs: number; logger: { error(message: string): void } }): StopStep {
  const deadline = Date.now() + options.withinMs;
  return async (name, work) => {
    let timer: NodeJS.Timeout | undefined;
    const waitMs = Math.max(LATE_STEP_MS, deadline - Date.now());
    const gaveUp = new Promise<"gave up">((resolve) => {
      timer = setTimeout(() => resolve("gave up"), waitMs);
    });
    // A step that throws is reported and the next one runs: what it failed to close ages out like a crash's.
    const finished = Promise.resolve()
      .then(work)
      .then(
        () => "done" as const,
        (error: unknown) => options.logger.error(`stopping: ${name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    const outcome = await Promise.race([finished, gaveUp]);
    clearTimeout(timer);
    if (outcome === "gave up") options.logger.error(`stopping: gave up waiting for ${name} after ${waitMs} ms; going on without it`);
  };
}
