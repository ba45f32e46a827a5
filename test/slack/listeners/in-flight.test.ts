// idle() is what tests wait for before asserting that nothing more arrived: it must not resolve early.
import { describe, expect, it } from "vitest";
import { InFlightRequests } from "../../../src/slack/listeners/in-flight";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe("InFlightRequests.idle", () => {
  it("resolves at once when nothing runs, and only after every tracked piece of work otherwise", async () => {
    const inFlight = new InFlightRequests();
    await inFlight.idle();
    const first = deferred();
    const second = deferred();
    void inFlight.track(first.promise);
    void inFlight.track(second.promise);
    let idle = false;
    void inFlight.idle().then(() => (idle = true));
    first.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    second.resolve();
    await inFlight.idle();
    expect(idle).toBe(true);
  });

  it("stays busy when the last piece of work hands over to another before it ends", async () => {
    const inFlight = new InFlightRequests();
    const later = deferred();
    let idle = false;
    void inFlight.track(Promise.resolve().then(() => void inFlight.track(later.promise)));
    void inFlight.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    later.resolve();
    await inFlight.idle();
    expect(idle).toBe(true);
  });

  it("counts a request through the middleware until its listener's after-ack work is done", async () => {
    const inFlight = new InFlightRequests();
    const work = deferred();
    let idle = false;
    void inFlight.middleware()({ next: () => work.promise } as never);
    void inFlight.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    work.resolve();
    await inFlight.idle();
    expect(idle).toBe(true);
  });

  it("counts a request while the middleware it wraps runs, and that middleware decides whether listeners run", async () => {
    const inFlight = new InFlightRequests();
    const work = deferred();
    const steps: string[] = [];
    let idle = false;
    const refusing = inFlight.middleware(async () => void steps.push("refused"));
    await refusing({ next: async () => void steps.push("listener") } as never);
    void inFlight.middleware(async ({ next }) => await next())({ next: () => work.promise } as never);
    void inFlight.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect([steps, idle]).toEqual([["refused"], false]);
    work.resolve();
    await inFlight.idle();
    expect(idle).toBe(true);
  });
});
