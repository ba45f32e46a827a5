// The refresh after a change runs after the ack and coalesces bursts.
import { describe, expect, it } from "vitest";
import type { Logger } from "@slack/bolt";
import { RefreshService, type RefreshTargets } from "../../src/services/refresh-service";

const silent = { warn: () => undefined } as unknown as Logger;
const NOW = new Date("2026-11-23T10:00:00Z");

/** Targets that record each refresh; the first call waits until released, as a slow Slack would. */
function slowTargets() {
  const done: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const record = async (what: string) => {
    if (first) {
      first = false;
      await gate;
    }
    done.push(what);
  };
  const targets: RefreshTargets = {
    checkinMessages: async (ownerIds, week) => {
      for (const ownerId of ownerIds) await record(`dm ${ownerId} ${week}`);
    },
    home: (userId) => record(`home ${userId}`),
    issuePost: (issueId) => record(`post #${issueId}`),
    digest: () => record("digest"),
  };
  return { targets, done, release };
}

const issue = (id: number, ownerId = "U1") => ({ id, ownerId, assigneeId: null, closedBy: ownerId });

describe("RefreshService", () => {
  it("returns at once and refreshes afterwards", async () => {
    const { targets, done, release } = slowTargets();
    const refresh = new RefreshService({ targets, clock: () => NOW, logger: silent });
    refresh.entriesRecorded({ week: "2026-W47", owners: ["U1"] });
    expect(done).toEqual([]);
    release();
    await refresh.idle();
    expect(done).toEqual(["dm U1 2026-W47", "home U1"]);
  });

  it("refreshes the digest once or twice for a burst of 34 issue changes, not 34 times", async () => {
    const { targets, done, release } = slowTargets();
    const refresh = new RefreshService({ targets, clock: () => NOW, logger: silent });
    refresh.issueChanged(issue(1));
    await new Promise((resolve) => setImmediate(resolve)); // the first round has started and waits on Slack
    for (let id = 2; id <= 34; id++) refresh.issueChanged(issue(id));
    release();
    await refresh.idle();
    expect(done.filter((what) => what === "digest")).toHaveLength(2);
    expect(done.filter((what) => what === "home U1")).toHaveLength(2);
    expect(new Set(done.filter((what) => what.startsWith("post")))).toHaveProperty("size", 34);
  });

  it("refreshes a round's check-in DMs of one week in one call, so they are read together", async () => {
    const calls: string[][] = [];
    const targets: RefreshTargets = {
      checkinMessages: async (ownerIds, week) => void calls.push([week, ...ownerIds]),
      home: async () => undefined,
      issuePost: async () => undefined,
      digest: async () => undefined,
    };
    const refresh = new RefreshService({ targets, clock: () => NOW, logger: silent });
    refresh.entriesRecorded({ week: "2026-W47", owners: ["U1", "U2"] });
    refresh.entriesRecorded({ week: "2026-W46", owners: ["U1"] });
    refresh.entriesRecorded({ week: "2026-W47", owners: ["U3"] });
    await refresh.idle();
    expect(calls).toEqual([
      ["2026-W47", "U1", "U2", "U3"],
      ["2026-W46", "U1"],
    ]);
  });

  it("keeps going when one refresh fails", async () => {
    const calls: string[] = [];
    const targets: RefreshTargets = {
      checkinMessages: async () => {
        throw new Error("chat.update failed");
      },
      home: async (userId) => void calls.push(userId),
      issuePost: async () => undefined,
      digest: async () => undefined,
    };
    const refresh = new RefreshService({ targets, clock: () => NOW, logger: silent });
    refresh.entriesRecorded({ week: "2026-W47", owners: ["U1", "U2"] });
    await refresh.idle();
    expect(calls).toEqual(["U1", "U2"]);
  });

  it("refreshes an agent's owner at once for its first value, then at most once per interval for the rest", async () => {
    const done: string[] = [];
    const targets: RefreshTargets = {
      checkinMessages: async (ownerIds, week) => void done.push(...ownerIds.map((ownerId) => `dm ${ownerId} ${week}`)),
      home: async (userId) => void done.push(`home ${userId}`),
      issuePost: async () => undefined,
      digest: async () => undefined,
    };
    let monotonic = 0;
    const refresh = new RefreshService({ targets, clock: () => NOW, logger: silent, monotonicNow: () => monotonic, agentIntervalMs: 60_000 });
    const fromAgent = { week: "2026-W47", owners: ["U1"], entries: [{ entry: { source: "agent" } }] } as never;
    const fromOwner = { week: "2026-W47", owners: ["U1"], entries: [{ entry: { source: "dm" } }] } as never;

    refresh.entriesRecorded(fromAgent);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(["dm U1 2026-W47", "home U1"]);
    for (let index = 0; index < 20; index++) refresh.entriesRecorded(fromAgent); // held back: within the interval
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toHaveLength(2);
    refresh.entriesRecorded(fromOwner); // a person's value is shown at once, as ever
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toHaveLength(4);
    await refresh.idle(); // runs what was held back, once
    expect(done).toEqual(["dm U1 2026-W47", "home U1", "dm U1 2026-W47", "home U1", "dm U1 2026-W47", "home U1"]);
    monotonic += 60_000;
    refresh.entriesRecorded(fromAgent);
    await refresh.idle();
    expect(done).toHaveLength(8);
  });
});
