// The count of Slack requests not yet acked, shared by the main thread and the off-loop thread: the thread's wait
// ends when the last pending ack is answered, or after its bound, and never waits when nothing is pending.
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { AcksPending } from "../../src/off-loop/acks-pending";

describe("AcksPending", () => {
  it("does not wait when no request is pending", async () => {
    const acks = new AcksPending();
    await acks.settled(120_000); // were it to wait, the test would time out first
    expect(acks.pending).toBe(0);
  }, 10_000);

  it("waits until the last pending request is answered, and counts each answer once", async () => {
    const acks = new AcksPending();
    const first = acks.began();
    const second = acks.began();
    let settled = false;
    const waiting = acks.settled(10_000).then(() => (settled = true));
    first();
    first(); // a second call for the same request changes nothing
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([acks.pending, settled]).toEqual([1, false]);
    second();
    await waiting;
    expect(acks.pending).toBe(0);
  });

  it("stops waiting after its bound while requests stay pending", async () => {
    const acks = new AcksPending();
    acks.began();
    const started = performance.now();
    await acks.settled(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(acks.pending).toBe(1);
  });

  it("is seen by another thread: a worker waiting on the shared count goes on once the main thread answers", async () => {
    const acks = new AcksPending();
    const answered = acks.began();
    // A pending Atomics.waitAsync does not keep a thread alive: the timer does, until the wait has ended.
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      const count = new Int32Array(workerData);
      const alive = setTimeout(() => {}, 10000);
      const waiting = Atomics.waitAsync(count, 0, 1, 10000);
      parentPort.postMessage(waiting.async ? "waiting" : "did not wait");
      Promise.resolve(waiting.value).then((how) => {
        clearTimeout(alive);
        parentPort.postMessage([how, Atomics.load(count, 0)]);
      });`;
    const worker = new Worker(source, { eval: true, workerData: acks.buffer });
    try {
      const messages: unknown[] = [];
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      const next = () => new Promise<void>((resolve) => worker.once("message", (message) => (messages.push(message), resolve())));
      await Promise.race([next(), exited]);
      answered();
      await Promise.race([next(), exited]);
      expect(messages).toEqual(["waiting", ["ok", 0]]);
    } finally {
      await worker.terminate();
    }
  });
});
