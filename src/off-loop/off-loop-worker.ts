// The main thread's side of the off-loop thread (off-loop-thread.ts says why it exists): the agent API's three
// calls, as AgentEntryService has them, and the full /scorecard table, built and posted there. The thread starts
// on the first call, so an app nobody asks does not pay its memory (issue 17: 100 MB idle), and stops after a
// while without one.
import { Worker } from "node:worker_threads";
import type { Logger } from "@slack/bolt";
import type { SeatWithKpis } from "../domain/model";
import type { IsoWeek } from "../domain/week";
import type { AgentEntries } from "../api/agent-api";
import type { RecordedValues } from "../services/entry-service";
import type { FromThread, OffLoopCall, OffLoopData, OffLoopResult, ToThread } from "./off-loop-protocol";

const IDLE_STOP_MS = 5 * 60_000;
const STOP_TIMEOUT_MS = 5_000;

interface Pending {
  /** The thread the call went to: only its loss fails the call. */
  worker: Worker;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class OffLoopWorker implements AgentEntries {
  private thread: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  // Listeners of values the thread stored, run in order; a request is answered once they ran, as on one thread.
  private announcing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      data: OffLoopData;
      onRecorded: (recorded: RecordedValues[]) => Promise<void>;
      logger: Logger;
      idleStopMs?: number;
      /** Called for each database statement the thread runs, as the main thread's own are counted (benchmarks). */
      onQuery?: () => void;
    },
  ) {}

  authenticate(token: string | undefined): Promise<OffLoopResult["authenticate"]> {
    return this.call({ op: "authenticate", token }) as Promise<OffLoopResult["authenticate"]>;
  }

  record(seat: SeatWithKpis, body: unknown, idempotencyKey: string | undefined, now: Date): Promise<OffLoopResult["record"]> {
    return this.call({ op: "record", seat, body, idempotencyKey, now }) as Promise<OffLoopResult["record"]>;
  }

  describe(seat: SeatWithKpis, now: Date): Promise<OffLoopResult["describe"]> {
    return this.call({ op: "describe", seat, now }) as Promise<OffLoopResult["describe"]>;
  }

  /**
   * The whole scorecard of a week, built and posted to `responseUrl` by the thread. A thread that could not start
   * (nothing was sent to it) is a table not built; one lost on the way or a failed post rejects, since part of
   * the answer may have been posted.
   */
  async answerScorecard(week: IsoWeek, responseUrl: string): Promise<OffLoopResult["scorecard"]> {
    try {
      return (await this.call({ op: "scorecard", week, responseUrl })) as OffLoopResult["scorecard"];
    } catch (error) {
      if (error instanceof ThreadNotStarted) return { posted: false, reason: error.message };
      throw error;
    }
  }

  /** Whether the thread is started (or starting). */
  get running(): boolean {
    return this.thread !== undefined;
  }

  /** A seat, KPI or token changed on this thread: the worker's recent reads of them are dropped before its next call. */
  seatDataChanged(): void {
    this.tell({ op: "seat-data-changed" });
  }

  /** Values of these weeks were written on this thread: the worker's tables showing them are built again. */
  valuesChanged(weeks: IsoWeek[]): void {
    this.tell({ op: "values-changed", weeks });
  }

  // A thread not running keeps no reads. One starting gets this before any call made after it (one port, in order).
  private tell(message: ToThread): void {
    void this.thread?.then((worker) => worker.postMessage(message)).catch(() => {});
  }

  /** Lets the calls in flight finish, then ends the thread and its database connection. */
  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const thread = this.thread;
    this.thread = undefined;
    if (!thread) return;
    const worker = await thread.catch(() => undefined);
    if (!worker) return;
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (this.pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      worker.on("message", (message: FromThread) => {
        if (message.kind !== "stopped") return;
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage({ op: "stop" } satisfies ToThread);
    });
    await worker.terminate();
  }

  private async call(request: OffLoopCall): Promise<unknown> {
    clearTimeout(this.idleTimer);
    this.thread ??= this.start();
    const worker = await this.thread.catch((error: Error) => {
      throw new ThreadNotStarted(error.message);
    });
    this.nextId += 1;
    const id = this.nextId;
    try {
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { worker, resolve, reject });
        worker.postMessage({ id, ...request } satisfies ToThread);
      });
    } finally {
      this.pending.delete(id);
      if (this.pending.size === 0) {
        this.idleTimer = setTimeout(() => void this.stop(), this.deps.idleStopMs ?? IDLE_STOP_MS);
        this.idleTimer.unref();
      }
    }
  }

  private start(): Promise<Worker> {
    const worker = spawnOffLoopThread({ ...this.deps.data, countQueries: this.deps.onQuery !== undefined });
    const thread = new Promise<Worker>((resolve, reject) => {
      worker.on("message", (message: FromThread) => {
        if (message.kind === "ready") resolve(worker);
        else this.receive(message);
      });
      const lost = (error: Error) => {
        reject(error);
        for (const waiting of this.pending.values()) if (waiting.worker === worker) waiting.reject(error);
        // A thread stopped on purpose is no longer this.thread; a newer one may be, and stays.
        if (this.thread !== thread) return;
        this.deps.logger.error(`off-loop thread: ${error.message}`);
        this.thread = undefined;
      };
      worker.on("error", lost);
      worker.on("exit", (code) => lost(new Error(`the off-loop thread exited (${code})`)));
    });
    return thread;
  }

  private receive(message: FromThread): void {
    if (message.kind === "recorded") {
      const { recorded } = message;
      this.announcing = this.announcing
        .then(() => this.deps.onRecorded(recorded))
        .catch((error: unknown) => this.deps.logger.error("refreshing after an agent's values failed", error));
      return;
    }
    if (message.kind !== "answer" && message.kind !== "failed") return;
    for (let query = 0; query < (message.queries ?? 0); query += 1) this.deps.onQuery?.();
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    void this.announcing.then(() => (message.kind === "answer" ? waiting.resolve(message.result) : waiting.reject(new Error(message.message))));
  }
}

/** The thread failed while starting, before the call was sent to it. */
class ThreadNotStarted extends Error {}

/**
 * The worker's code: beside the bundle when running `npm start`'s dist/main.js (tools/build.mjs writes
 * dist/off-loop-thread.js), or the TypeScript source through tsx in development. The tests build the thread's
 * bundle from src/ once per run and name it in CADENCE_OFF_LOOP_THREAD_JS: a thread compiled through tsx takes
 * about 1.5 s of CPU to start here against 0.5 s for the bundle, and the suites start it some hundred times.
 */
function spawnOffLoopThread(data: OffLoopData): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./off-loop-thread.js", here), { workerData: data });
  const built = process.env.CADENCE_OFF_LOOP_THREAD_JS;
  if (built) return new Worker(built, { workerData: data });
  const entry = new URL("./off-loop-thread.ts", here).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
