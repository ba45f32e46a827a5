// The Slack requests this process has received over HTTP and not yet answered, counted in memory that the main
// thread and the off-loop thread share. The off-loop thread waits for the count to reach zero (for a bounded time)
// before its CPU-heavy steps, so a burst of slash commands is acked before their tables are built and posted on
// the same cores (issue 17). A higher nice value would do it for every process on the host, and starve the thread
// when the host is busy with anything else (off-loop-thread.ts); this steps back for our own acks only.

import type { IncomingMessage, Server, ServerResponse } from "node:http";

// Atomics.waitAsync (ES2024) is in Node 16 and later; the project's TypeScript lib is ES2023.
type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs: number) => { async: false } | { async: true; value: Promise<unknown> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export class AcksPending {
  private readonly count: Int32Array;
  /** The one settled() wait that allAnswered()'s callers share while it lasts. */
  private sharedWait: Promise<void> | undefined;

  /** `buffer` is the main thread's, passed to the off-loop thread in its workerData (shared, not copied). */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.count = new Int32Array(buffer);
  }

  /** A request arrived; the returned function says it was answered (calling it again does nothing). */
  began(): () => void {
    Atomics.add(this.count, 0, 1);
    let answered = false;
    return () => {
      if (answered) return;
      answered = true;
      if (Atomics.sub(this.count, 0, 1) === 1) Atomics.notify(this.count, 0);
    };
  }

  /**
   * settled() for a burst's commands, which all wait at once on the thread that counts: they share one wait
   * rather than each an Atomics wait, so the first caller's `maxMs` bounds it for all who join it.
   */
  allAnswered(maxMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    this.sharedWait ??= this.settled(maxMs).finally(() => {
      this.sharedWait = undefined;
    });
    return this.sharedWait;
  }

  get pending(): number {
    return Atomics.load(this.count, 0);
  }

  /** Resolves once no request is waiting for its answer, or after `maxMs` whatever the count. */
  async settled(maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const pending = this.pending;
      const left = deadline - Date.now();
      if (pending === 0 || left <= 0) return;
      const waiting = waitAsync(this.count, 0, pending, left);
      if (waiting.async) await waiting.value;
    }
  }
}

/**
 * Counts the Slack requests (`/slack/…`) `server` has received and not yet answered: Bolt acks by answering over
 * HTTP. A pipelined request's queued response never closes if its connection drops first, so the socket's close
 * ends it too (its listener removed once the response closes, or keep-alive connections would gather them).
 * Socket Mode acks over its WebSocket, and is not counted.
 */
export function countPendingSlackRequests(server: Server, acks: AcksPending): void {
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith("/slack/")) return;
    const answered = acks.began();
    const socket = request.socket;
    socket.once("close", answered);
    response.once("close", () => {
      socket.off("close", answered);
      answered();
    });
  });
}
