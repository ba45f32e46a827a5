// What a workspace does to an app: retries, crashes mid-job, Slack outages, a locked database, two instances.
import { afterEach, describe, expect, it } from "vitest";
import { shiftWeek } from "../../src/domain/week";
import { ACTIONS, ISSUE_ACTIONS_BLOCK } from "../../src/messages/ids";
import type { LocalSlack } from "../../tools/local-slack/server";
import { bootApp, CHANNEL, freshDatabaseUrl, KILLED_STALE_MS, testClock, waitOutKilledHeartbeat, type BootedApp, startTestSlack } from "../support/boot-app";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { eventually } from "../support/eventually";
import { holdWriteLock } from "../support/other-connection";
import { clickButton, submitView } from "../support/interactions";
import { blockActionsPayload } from "../../tools/testkit/interaction-payloads";
import { addSeats, bulkEntries } from "../../tools/testkit/team-builder";
import { spawnCadence } from "../support/spawn-cadence";

let slack: LocalSlack | undefined;
const apps: BootedApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
  await slack?.close();
  slack = undefined;
});

async function boot(options: Parameters<typeof bootApp>[0] = {}): Promise<BootedApp> {
  const app = await bootApp(options);
  apps.push(app);
  return app;
}

/** Seeds a team (seats and KPIs through the repositories, values in bulk): `seats` seats with `kpisPerSeat` KPIs (goal >= 50) and 13 weeks of values. */
async function seedTeam(
  app: BootedApp,
  seats: number,
  kpisPerSeat: number,
  valueFor: (seat: number, kpi: number, weekIndex: number) => number | null,
): Promise<void> {
  const owners = Array.from({ length: seats }, (_, seatIndex) => `UOWN${seatIndex}`);
  owners.forEach((id, seatIndex) => app.slack.addUser({ id, name: `owner${seatIndex}`, tz: "UTC" }));
  const specs = owners.map((ownerId, seatIndex) => ({
    name: `Seat ${seatIndex}`,
    ownerId,
    kind: seatIndex % 2 ? ("agent" as const) : ("human" as const),
    kpis: Array.from({ length: kpisPerSeat }, (_, kpiIndex) => ({ name: `Metric ${seatIndex}.${kpiIndex}`, goal: ">= 50" })),
  }));
  const added = await addSeats(app.cadence.db, specs, { at: new Date("2026-01-01") });
  const values = added.flatMap((seat, seatIndex) =>
    seat.kpis.flatMap((kpi, kpiIndex) =>
      Array.from({ length: 13 }, (_, weekIndex) => ({
        kpiId: kpi.id,
        week: shiftWeek("2026-W47", -weekIndex),
        value: valueFor(seatIndex, kpiIndex, weekIndex),
        note: null,
        source: "command",
        enteredBy: seat.ownerId,
        enteredAt: new Date("2026-11-20"),
      })).filter((value): value is typeof value & { value: number } => value.value !== null),
    ),
  );
  await bulkEntries(app.cadence.db, values);
}

function childEnv(databaseUrl: string, now: string): Record<string, string> {
  return cadenceEnvironment(slack!.apiUrl, databaseUrl, { CADENCE_NOW: now });
}

/** Keys of the messages Cadence posted in a channel (each carries its delivery key in metadata). */
function deliveryKeys(fake: LocalSlack, channel: string): string[] {
  return fake
    .messages(channel)
    .map((message) => String(message.metadata?.event_payload?.key ?? ""))
    .filter(Boolean);
}

// These start a second Cadence process and seed a hundred seats first: on a loaded 2-core machine that alone
// can take most of the default 30 s.
const CRASH_TEST_TIMEOUT_MS = 90_000;

const duplicates = (keys: string[]) => keys.filter((key, index) => keys.indexOf(key) !== index);

describe("Slack retries", () => {
  it("gives an interaction delivered three times one effect", async () => {
    const app = await boot({ clock: testClock("2026-11-23T15:00:00Z") });
    app.slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
    await app.command("/cadence", 'seat add "Ops" <@UOWN> human');
    await app.command("/cadence", 'kpi add "Ops" "Tickets closed" >= 10');
    await app.cadence.tick();
    const { triggerId } = await clickButton(app, {
      userId: "UOWN",
      actionId: ACTIONS.openCheckinForm,
      value: JSON.stringify({ week: "2026-W47", ownerId: "UOWN" }),
    });
    const form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    const kpi = await app.cadence.db.kpi.findFirstOrThrow();
    for (let attempt = 0; attempt < 3; attempt += 1) await submitView(app, { userId: "UOWN", view: form, values: { [`kpi_${kpi.id}`]: "12" } });
    expect(await app.cadence.db.entry.count()).toBe(1);
    expect(await app.cadence.db.auditLog.count({ where: { entity: "entry" } })).toBe(1);

    await app.command("/issue", "add Retry me", "UOWN");
    const issue = await app.cadence.db.issue.findFirstOrThrow();
    const drop = () =>
      app.client.interaction(
        blockActionsPayload(
          {
            teamId: app.slack.teamId,
            userId: "UOWN",
            triggerId: "t",
            responseUrl: app.slack.newResponseUrl(),
            message: { channelId: CHANNEL, ts: issue.messageTs! },
          },
          { type: "button", action_id: ACTIONS.dropIssue, block_id: ISSUE_ACTIONS_BLOCK.of(issue.id), value: String(issue.id), action_ts: "1700000000.1" },
        ),
      );
    await Promise.all([drop(), drop(), drop()]);
    await eventually(async () => (await app.cadence.db.issue.findFirstOrThrow()).state === "dropped");
    await app.idle();
    expect(await app.cadence.db.auditLog.count({ where: { action: "issue.drop" } })).toBe(1);
  });
});

describe("killed mid-job, then restarted", () => {
  it("posts every drift and missing issue exactly once", { timeout: CRASH_TEST_TIMEOUT_MS }, async () => {
    slack = await startTestSlack();
    const databaseUrl = freshDatabaseUrl();
    const seeding = await boot({ slack, databaseUrl, clock: testClock("2026-11-24T12:30:00Z") });
    // 30 KPIs: a third off track, a third missing, a third on track this week.
    await seedTeam(seeding, 10, 3, (_seat, kpi, weekIndex) => (weekIndex === 0 ? [20, null, 80][kpi] : 80));
    await seeding.cadence.stop();
    apps.splice(0);

    slack.setLatency(300);
    const child = await spawnCadence(childEnv(databaseUrl, "2026-11-24T12:30:00Z"));
    await slack.waitFor(() => slack!.callsTo("chat.postMessage").length >= 3, 20_000);
    await child.kill();
    const postedBeforeCrash = slack.callsTo("chat.postMessage").length;
    expect(postedBeforeCrash).toBeLessThan(20);
    slack.setLatency(0);

    await waitOutKilledHeartbeat();
    const app = await boot({ slack, databaseUrl, clock: testClock("2026-11-24T12:31:00Z"), staleMs: KILLED_STALE_MS });
    await app.cadence.tick();
    await app.cadence.tick();
    await app.command("/cadence", "run drift");

    const keys = deliveryKeys(slack!, CHANNEL).filter((key) => key.startsWith("issue:"));
    expect(duplicates(keys)).toEqual([]);
    expect(keys).toHaveLength(20);
    const issues = await app.cadence.db.issue.findMany();
    expect(issues.map((issue) => issue.source).sort()).toEqual([...Array(10).fill("drift"), ...Array(10).fill("missing")]);
    expect(issues.every((issue) => issue.messageTs)).toBe(true);
  });

  it("posts the digest and each thread part exactly once", { timeout: CRASH_TEST_TIMEOUT_MS }, async () => {
    slack = await startTestSlack();
    const databaseUrl = freshDatabaseUrl();
    const seeding = await boot({ slack, databaseUrl, clock: testClock("2026-11-24T13:30:00Z") });
    // Enough KPIs that the digest needs several thread messages; all on track so the drift job posts nothing.
    await seedTeam(seeding, 100, 3, () => 80);
    await seeding.cadence.db.jobRun.create({ data: { job: "drift", week: "2026-W47", startedAt: new Date(), completedAt: new Date() } });
    await seeding.cadence.stop();
    apps.splice(0);

    slack.setLatency(400);
    const child = await spawnCadence(childEnv(databaseUrl, "2026-11-24T13:30:00Z"));
    await slack.waitFor(() => slack!.callsTo("chat.postMessage").length >= 2, 20_000);
    await child.kill();
    slack.setLatency(0);

    await waitOutKilledHeartbeat();
    const app = await boot({ slack, databaseUrl, clock: testClock("2026-11-24T13:31:00Z"), staleMs: KILLED_STALE_MS });
    await app.cadence.tick();
    await app.cadence.tick();
    await app.command("/cadence", "run digest");

    const keys = deliveryKeys(slack!, CHANNEL).filter((key) => key.startsWith("digest:"));
    expect(duplicates(keys)).toEqual([]);
    expect(keys.filter((key) => key.endsWith(":main"))).toHaveLength(1);
    expect(keys.length).toBeGreaterThan(2);
    const main = slack.messages(CHANNEL).find((message) => message.metadata?.event_payload?.key === "digest:2026-W47:main")!;
    const thread = slack.messages(CHANNEL).filter((message) => message.thread_ts === main.ts);
    expect(thread).toHaveLength(keys.length - 1);
    expect(await app.cadence.db.jobRun.findFirst({ where: { job: "digest", completedAt: { not: null } } })).not.toBeNull();
  });
});

describe("Slack outages", () => {
  it("delivers drift issues once when chat.postMessage answers 500 for a while, then recovers", async () => {
    const app = await boot({ clock: testClock("2026-11-24T12:30:00Z") });
    await seedTeam(app, 3, 1, (_seat, _kpi, weekIndex) => (weekIndex === 0 ? 10 : 80));
    app.slack.failNext("chat.postMessage", { status: 500 }, 100);
    await app.cadence.tick();
    expect(deliveryKeys(app.slack, CHANNEL)).toHaveLength(0);
    expect(await app.cadence.db.jobRun.count({ where: { completedAt: { not: null } } })).toBe(0);
    app.slack.reset();
    app.clock.advance(60_000);
    await app.cadence.tick();
    await app.cadence.tick();
    const keys = deliveryKeys(app.slack, CHANNEL);
    expect(keys.sort()).toEqual(["issue:1", "issue:2", "issue:3"]);
  });

  it("posts a drift issue once when Slack took the post but answered 500: the next attempt finds it", async () => {
    const app = await boot({ clock: testClock("2026-11-24T12:30:00Z") });
    await seedTeam(app, 1, 1, () => 10);
    app.slack.failNext("chat.postMessage", { status: 500, afterStoring: true });
    await app.cadence.tick();
    expect(deliveryKeys(app.slack, CHANNEL)).toEqual(["issue:1"]); // Slack has it; Cadence does not know
    expect(await app.cadence.db.jobRun.count({ where: { completedAt: { not: null } } })).toBe(0);
    app.clock.advance(60_000);
    await app.cadence.tick();
    expect(deliveryKeys(app.slack, CHANNEL)).toEqual(["issue:1"]);
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(await app.cadence.db.delivery.findUniqueOrThrow({ where: { key: "issue:1" } })).toMatchObject({ state: "sent", attempts: 2 });
    expect(await app.cadence.db.jobRun.count({ where: { job: "drift", completedAt: { not: null } } })).toBe(1);
  });

  it("gives up on a channel Cadence is not in, completes the deadline job, and tells admins how to fix it", async () => {
    const app = await boot({ clock: testClock("2026-11-24T12:30:00Z") });
    await seedTeam(app, 1, 1, () => 10);
    app.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    await app.cadence.tick();
    expect(await app.cadence.db.jobRun.count({ where: { job: "drift", completedAt: { not: null } } })).toBe(1);
    app.clock.advance(10 * 60_000); // well past any backoff, still before the digest
    await app.cadence.tick();
    await app.command("/cadence", "run drift");
    expect(app.slack.callsTo("chat.postMessage")).toHaveLength(1); // not tried again
    const status = JSON.stringify(await app.commandAll("/cadence", "status"));
    expect(status).toContain("the post of issue #1: Slack answered `not_in_channel`");
    expect(status).toContain(`invite @Cadence to <#${CHANNEL}>`);
  });

  it("waits out a 429 storm on the digest and posts it once", async () => {
    const app = await boot({ clock: testClock("2026-11-24T13:30:00Z") });
    await seedTeam(app, 2, 1, () => 80);
    app.slack.failNext("chat.postMessage", { status: 429, retryAfter: 1 }, 3);
    await app.cadence.tick();
    expect(deliveryKeys(app.slack, CHANNEL).filter((key) => key.endsWith(":main"))).toEqual(["digest:2026-W47:main"]);
  });
});

describe("the database", () => {
  it("waits for another writer holding the lock for 2 s, then records the value", async () => {
    const app = await boot({ clock: testClock("2026-11-24T09:00:00Z") });
    app.slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
    await app.command("/cadence", 'seat add "Ops" <@UOWN> human');
    await app.command("/cadence", 'kpi add "Ops" "Tickets closed" >= 10');
    const lock = await holdWriteLock(app.databaseUrl);
    const release = setTimeout(() => void lock.release(), 2000);
    try {
      const responseUrl = app.slack.newResponseUrl();
      const ack = await app.client.command({ command: "/scorecard", text: 'set "Tickets closed" 12', userId: "UOWN", responseUrl });
      expect(ack.status).toBe(200);
      expect(lock.released).toBe(false); // acknowledged while the other writer still held the lock
      await app.slack.waitFor(() => app.slack.responses(responseUrl)[0], 10_000);
      expect(lock.released).toBe(true); // the write waited for the lock instead of failing
      expect(JSON.stringify(app.slack.responses(responseUrl)[0].body)).toContain("Recorded");
      expect((await app.cadence.db.entry.findFirstOrThrow()).value).toBe(12);
    } finally {
      clearTimeout(release);
      await lock.release();
    }
  });

  it("lets only one of two instances on the same file run the scheduler, and says which", async () => {
    slack = await startTestSlack();
    const databaseUrl = freshDatabaseUrl();
    const first = await boot({ slack, databaseUrl });
    const warnings: string[] = [];
    const second = await bootApp({ slack, databaseUrl, logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    apps.push(second);
    expect(first.cadence.schedulerRunning).toBe(true);
    expect(second.cadence.schedulerRunning).toBe(false);
    expect(warnings.join("\n")).toMatch(/another Cadence \(pid \d+ on .+\) runs the scheduler on this database; this one serves Slack requests only/);
    // Both still serve Slack: the second answers commands.
    slack.addUser({ id: "UOWN", name: "owen", tz: "UTC" });
    expect(await second.command("/cadence", 'seat add "Ops" <@UOWN> human')).toContain("Added seat");
    // When the first stops, the next instance to start takes the scheduler over.
    await first.cadence.stop();
    apps.splice(apps.indexOf(first), 1);
    const third = await boot({ slack, databaseUrl });
    expect(third.cadence.schedulerRunning).toBe(true);
  });
});
