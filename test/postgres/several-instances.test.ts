// Two Cadence processes on one PostgreSQL database, as behind a load balancer: Slack requests are served by
// either, one runs the weekly loop, and when that one is killed with SIGKILL in the middle of the check-in
// fan-out the other takes the scheduler over by heartbeat alone (no pid check on PostgreSQL) and finishes it:
// every owner gets exactly one DM.
import { afterEach, describe, expect, it } from "vitest";
import type { LocalSlack } from "../../tools/local-slack/server";
import { ADMIN, freshDatabaseUrl, startTestSlack } from "../support/boot-app";
import { command, expectOneDmPerOwner, FAST_LIVENESS, health, killMidFanOut } from "../support/instance-requests";
import { cadenceEnvironment as testEnvironment } from "../../tools/testkit/environment";
import { eventually } from "../support/eventually";
import { spawnCadence } from "../support/spawn-cadence";
import type { CadenceProcess as ChildCadence } from "../../tools/testkit/cadence-process";

const OWNER_COUNT = 30;
// Monday afternoon: the week's check-ins are due.
const NOW = "2026-11-23T15:00:00Z";

let slack: LocalSlack | undefined;
const children: ChildCadence[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  await slack?.close();
});

describe("several instances on one PostgreSQL database", () => {
  it("serves Slack requests on each instance, and finishes a killed leader's fan-out with one DM per owner", async () => {
    slack = await startTestSlack();
    const fake = slack;
    fake.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
    const env = testEnvironment(fake.apiUrl, freshDatabaseUrl(), { CADENCE_NOW: NOW, ...FAST_LIVENESS });
    const leader = await spawnCadence(env);
    children.push(leader);
    const follower = await spawnCadence(env);
    children.push(follower);
    expect([(await health(leader)).scheduler, (await health(follower)).scheduler]).toEqual([true, false]);

    // The team is set up through both instances in turn: each serves requests and writes to the one database.
    for (let index = 0; index < OWNER_COUNT; index += 1) {
      const id = `UOWN${index}`;
      fake.addUser({ id, name: `owner${index}`, tz: "UTC" });
      const instance = index % 2 === 0 ? leader : follower;
      expect(await command(fake, instance, `/cadence seat add "Seat ${index}" <@${id}> human`)).not.toMatch(/warning/);
      expect(await command(fake, instance, `/cadence kpi add "Seat ${index}" "KPI ${index}" >= 10`)).not.toMatch(/warning/);
    }
    expect(await command(fake, follower, "/cadence seat list")).toContain(`Seat ${OWNER_COUNT - 1}`);

    await killMidFanOut(fake, leader, OWNER_COUNT);
    await eventually(async () => (await health(follower)).scheduler, 20_000);
    await expectOneDmPerOwner(fake, OWNER_COUNT);
  }, 120_000);
});
