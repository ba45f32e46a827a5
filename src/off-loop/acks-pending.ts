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
  /** On the main thread: what waits in allAnswered(), all woken together. */
  private waitingForAll: { promise: Promise<void>; wake(): void } | undefined;

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
      if (Atomics.sub(this.count, 0, 1) !== 1) return;
      Atomics.notify(this.count, 0);
      this.waitingForAll?.wake();
    };
  }

  /**
   * settled() for the thread that counts (the main one), where a burst's commands all wait at once: they share
   * one promise and one timer rather than each an Atomics wait. Resolves once no request waits for its answer,
   * or `maxMs` after the first of those waiting called (the deadline is theirs too) whatever the count.
   */
  allAnswered(maxMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    if (!this.waitingForAll) {
      let wake = () => {};
      const promise = new Promise<void>((resolve) => {
        // Unref'd: a stop does not wait for it, and the waiters' work is what the stop waits for.
        const timer = setTimeout(() => wake(), maxMs).unref();
        wake = () => {
          clearTimeout(timer);
          this.waitingForAll = undefined;
          resolve();
        };
      });
      this.waitingForAll = { promise, wake: () => wake() };
    }
    return this.waitingForAll.promise;
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
