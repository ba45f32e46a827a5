// The count of Slack requests not yet acked, shared by the main thread and the off-loop thread: the thread's wait
// ends when the last pending ack is answered, or after its bound, and never waits when nothing is pending.
import { createServer, request, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AcksPending, countPendingSlackRequests } from "../../src/off-loop/acks-pending";

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
    await new Promise((resolve) => setImmediate(resolve)); // a wait already over would have settled by now
    expect([acks.pending, settled]).toEqual([1, false]);
    second();
    await waiting;
    expect(acks.pending).toBe(0);
  });

  it.each(["settled", "allAnswered"] as const)("%s() stops waiting after its bound while requests stay pending", async (wait) => {
    const acks = new AcksPending();
    acks.began();
    const started = performance.now();
    await acks[wait](100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(acks.pending).toBe(1);
  });

  it("allAnswered(): the main thread's waiters all go on when the last pending request is answered", async () => {
    const acks = new AcksPending();
    // Bounds past the test's own timeout: a wait that ended only by its bound would fail the test.
    await acks.allAnswered(120_000); // nothing pending
    const first = acks.began();
    const second = acks.began();
    const woken: string[] = [];
    const waiting = [acks.allAnswered(120_000).then(() => woken.push("a")), acks.allAnswered(120_000).then(() => woken.push("b"))];
    first();
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toEqual([]);
    second();
    await Promise.all(waiting);
    expect(woken).toEqual(["a", "b"]);
    // A later burst waits afresh.
    const third = acks.began();
    let later = false;
    const waitingLater = acks.allAnswered(120_000).then(() => (later = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(later).toBe(false);
    third();
    await waitingLater;
  }, 10_000);

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

describe("countPendingSlackRequests", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  /** A server that holds every request until the test answers it, counted as Cadence's HTTP server is. */
  async function holdingServer(acks: AcksPending): Promise<{ port: number; held: ServerResponse[] }> {
    const held: ServerResponse[] = [];
    server = createServer((_request, response) => void held.push(response));
    countPendingSlackRequests(server, acks);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as AddressInfo).port, held };
  }

  function send(port: number, path: string) {
    const sent = request({ host: "127.0.0.1", port, path, method: "POST" });
    sent.on("error", () => undefined); // the dropped-connection test destroys it
    sent.end("{}");
    return sent;
  }

  it("counts a Slack request from its arrival until it is answered, and no other path", async () => {
    const acks = new AcksPending();
    const { port, held } = await holdingServer(acks);
    send(port, "/slack/events");
    send(port, "/api/v1/entries");
    await vi.waitFor(() => expect(held).toHaveLength(2));
    expect(acks.pending).toBe(1);
    for (const response of held) response.end("ok");
    await vi.waitFor(() => expect(acks.pending).toBe(0));
  });

  it("ends the count of pipelined requests whose connection drops before they are answered", async () => {
    const acks = new AcksPending();
    const { port, held } = await holdingServer(acks);
    // Two requests in one write: the second's response waits in Node's queue behind the first and, once the
    // connection drops, never closes; only the socket's close ends its count.
    const one = "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    const socket = connect(port, "127.0.0.1", () => socket.write(one + one));
    socket.on("error", () => undefined);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    expect(acks.pending).toBe(2);
    socket.destroy();
    await vi.waitFor(() => expect(acks.pending).toBe(0));
  });
});
