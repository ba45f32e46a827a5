// One scheduler per database, even when the holder's heartbeat goes stale while it keeps running (a paused VM,
// a blocked event loop): the holder re-checks its lease before every tick. Real repositories on a SQLite file;
// two registries play two instances.
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Logger } from "@slack/bolt";
import { openDatabase, type Database } from "../../src/db/database";
import { InstanceRepository } from "../../src/repositories/instance-repository";
import { SchedulerLeadership } from "../../src/scheduler/leadership";
import { HEARTBEAT_STALE_MS, HOLDER_SILENT_MS, InstanceRegistry } from "../../src/services/instance-registry";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

function recordingLogger(lines: string[]): Logger {
  const record = (...message: unknown[]) => void lines.push(message.map(String).join(" "));
  return {
    debug: () => undefined,
    info: record,
    warn: record,
    error: record,
    setLevel: () => undefined,
    getLevel: () => "info" as never,
    setName: () => undefined,
  };
}

async function instance(name: string, logs: string[]) {
  const registry = new InstanceRegistry(new InstanceRepository(db));
  await registry.register();
  const ticks: string[] = [];
  const leadership = new SchedulerLeadership({
    registry,
    logger: recordingLogger(logs),
    tick: async () => void ticks.push(name),
    ticking: false,
    heartbeatMs: 3_600_000,
  });
  await leadership.start();
  return { registry, leadership, ticks };
}

/** What a paused process looks like from the database: its last heartbeat is `ms` old. */
async function ageHeartbeat(registry: InstanceRegistry, ms: number): Promise<void> {
  const now = await new InstanceRepository(db).databaseNow();
  await db.instance.update({ where: { id: registry.id }, data: { heartbeatAt: new Date(now.getTime() - ms) } });
}

describe("SchedulerLeadership", () => {
  it("lets exactly one instance tick after a stale holder is taken over, and the old holder says it stepped down", async () => {
    const oldLogs: string[] = [];
    const newLogs: string[] = [];
    const old = await instance("old", oldLogs);
    const taker = await instance("taker", newLogs);
    expect([old.leadership.isLeading, taker.leadership.isLeading]).toEqual([true, false]);

    await ageHeartbeat(old.registry, HEARTBEAT_STALE_MS + 5_000);
    // The taker's heartbeat runs its claim; the old holder still believes it leads until its next tick.
    await taker.leadership.beat();
    expect(taker.leadership.isLeading).toBe(true);

    await Promise.all([old.leadership.tickIfLeading(), taker.leadership.tickIfLeading()]);
    await Promise.all([old.leadership.tickIfLeading(), taker.leadership.tickIfLeading()]);
    expect(old.ticks).toEqual([]);
    expect(taker.ticks).toEqual(["taker", "taker"]);
    expect(old.leadership.isLeading).toBe(false);
    expect(oldLogs.join("\n")).toMatch(/stepped down/);
    await Promise.all([old.registry.unregister(), taker.registry.unregister()]);
  });

  it("does not take over a holder whose heartbeat is recent", async () => {
    const holder = await instance("holder", []);
    const other = await instance("other", []);
    await ageHeartbeat(holder.registry, HEARTBEAT_STALE_MS - 10_000);
    expect((await other.registry.acquireSchedulerLease()).acquired).toBe(false);
    await Promise.all([holder.registry.unregister(), other.registry.unregister()]);
  });

  it("once stopping, neither ticks nor takes the lease over, even in a beat that was already under way", async () => {
    const old = await instance("old", []);
    const taker = await instance("taker", []);
    await ageHeartbeat(old.registry, HEARTBEAT_STALE_MS + 5_000);
    const oldStopping = old.leadership.stop(0);
    const takerStopping = taker.leadership.stop(0);
    expect(await old.leadership.tickIfLeading()).toBe(false);
    await taker.leadership.beat(); // would take the stale holder's lease over, were it not stopping
    await Promise.all([oldStopping, takerStopping]);
    expect(taker.leadership.isLeading).toBe(false);
    expect(old.ticks).toEqual([]);
    expect(await new InstanceRepository(db).leaseHolder("scheduler")).toBe(old.registry.id);
    await Promise.all([old.registry.unregister(), taker.registry.unregister()]);
  });

  it("skips ticks while its own heartbeat is old, and resumes once it beats again", async () => {
    const logs: string[] = [];
    const holder = await instance("holder", logs);
    await ageHeartbeat(holder.registry, HOLDER_SILENT_MS + 5_000);
    expect(await holder.leadership.tickIfLeading()).toBe(false);
    expect(logs.join("\n")).toMatch(/heartbeat is \d+ s old/);
    await holder.registry.heartbeat();
    expect(await holder.leadership.tickIfLeading()).toBe(true);
    expect(holder.ticks).toEqual(["holder"]);
    await holder.registry.unregister();
  });
});

describe("SchedulerLeadership's heartbeat", () => {
  /** A registry whose heartbeats wait at a gate, as they do on a slow or locked database. */
  function gatedRegistry() {
    const repository = new InstanceRepository(db);
    let open: () => void = () => undefined;
    let gate = new Promise<void>((resolve) => (open = resolve));
    const beats = { running: 0, most: 0, total: 0 };
    const registry = new InstanceRegistry(
      Object.assign(Object.create(repository) as InstanceRepository, {
        heartbeat: async (id: string) => {
          beats.running += 1;
          beats.total += 1;
          beats.most = Math.max(beats.most, beats.running);
          await gate;
          beats.running -= 1;
          return repository.heartbeat(id);
        },
      }),
    );
    const release = () => {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    };
    return { registry, beats, release };
  }

  it("never runs two beats at once, and stopping waits for the one in flight so it cannot re-register us", async () => {
    const { registry, beats, release } = gatedRegistry();
    await registry.register();
    // The heartbeat's clock by hand: twenty beats fall due at once, with no waiting on real time.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const leadership = new SchedulerLeadership({ registry, logger: recordingLogger([]), tick: async () => undefined, ticking: false, heartbeatMs: 2 });
      await leadership.start();
      vi.advanceTimersByTime(40);
      await nextTurn();
      expect(beats).toMatchObject({ running: 1, most: 1, total: 1 });

      let stopped = false;
      const stopping = leadership.stop(0).then(() => (stopped = true));
      // Without waiting for the beat, stopping settles within this turn of the event loop.
      await nextTurn();
      expect(stopped).toBe(false);
      release();
      await stopping;
      await registry.unregister(); // what stopping Cadence does next: no beat is left to put our row back
      vi.advanceTimersByTime(40); // and the heartbeat's interval is cleared: nothing more falls due
      await nextTurn();
      expect(await registry.status()).toEqual({ heartbeatAt: undefined });
      expect(beats.total).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
