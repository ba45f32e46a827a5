// A Cadence killed in the middle of the check-in fan-out, then restarted: every owner ends with one DM.
import { afterEach, describe, expect, it } from "vitest";
import type { LocalSlack } from "../../tools/local-slack/server";
import { bootApp, freshDatabaseUrl, KILLED_STALE_MS, testClock, waitOutKilledHeartbeat, type BootedApp, startTestSlack } from "../support/boot-app";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { addSeats } from "../../tools/testkit/team-builder";
import { spawnCadence } from "../support/spawn-cadence";

const OWNER_COUNT = 40;
const NOW = "2026-11-23T15:00:00Z";
let slack: LocalSlack;
let app: BootedApp | undefined;

afterEach(async () => {
  await app?.stop();
  await slack?.close();
});

describe("crash between claim and send", () => {
  it("finishes the fan-out after a SIGKILL without a second DM to anyone", { timeout: 90_000 }, async () => {
    slack = await startTestSlack();
    const databaseUrl = freshDatabaseUrl();
    // Seed the team through the app's repositories, then stop it.
    const seeding = await bootApp({ slack, databaseUrl, clock: testClock(NOW) });
    const owners = Array.from({ length: OWNER_COUNT }, (_, index) => `UOWN${index}`);
    owners.forEach((id, index) => slack.addUser({ id, name: `owner${index}`, tz: "UTC" }));
    await addSeats(
      seeding.cadence.db,
      owners.map((ownerId, index) => ({
        name: `Seat ${index}`,
        ownerId,
        kind: index % 2 ? "agent" : "human",
        kpis: [{ name: `KPI ${index}`, goal: ">= 10" }],
      })),
      { at: new Date(NOW) },
    );
    await seeding.cadence.stop();

    // Slack applies each post at once but answers slowly, so the child dies after Slack accepted some DMs and
    // before it could record them: the hardest case (the claim exists, the DM exists, the ts was never saved).
    slack.setLatency(400);
    const child = await spawnCadence(cadenceEnvironment(slack.apiUrl, databaseUrl, { CADENCE_NOW: NOW }));
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length >= 3, 20_000);
    await child.kill();
    const acceptedBeforeCrash = slack.callsTo("chat.postMessage").length;
    expect(acceptedBeforeCrash).toBeLessThan(OWNER_COUNT);
    slack.setLatency(0);

    await waitOutKilledHeartbeat();
    app = await bootApp({ slack, databaseUrl, clock: testClock(NOW), staleMs: KILLED_STALE_MS });
    await app.cadence.tick();
    await app.cadence.tick();
    await app.command("/cadence", "run checkins");

    for (let index = 0; index < OWNER_COUNT; index += 1) expect(slack.dmsTo(`UOWN${index}`)).toHaveLength(1);
    const rows = await app.cadence.db.checkIn.findMany();
    expect(rows.filter((row) => row.messageTs)).toHaveLength(OWNER_COUNT);
    // The DMs Slack had accepted before the crash were found again in the DM history, not re-sent.
    expect(slack.callsTo("conversations.history").length).toBeGreaterThanOrEqual(acceptedBeforeCrash);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(OWNER_COUNT);
  });
});
