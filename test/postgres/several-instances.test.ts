// Two Cadence processes on one PostgreSQL database, as behind a load balancer: Slack requests are served by
// either, one runs the weekly loop, and when that one is killed with SIGKILL in the middle of the check-in
// fan-out the other takes the scheduler over by heartbeat alone (no pid check on PostgreSQL) and finishes it:
// every owner gets exactly one DM.
import { afterEach, describe, expect, it } from "vitest";
import type { LocalSlack } from "../../tools/local-slack/server";
import { signedClient } from "../../tools/local-slack/signed-requests";
import { ADMIN, freshDatabaseUrl, SIGNING_SECRET, startTestSlack } from "../support/boot-app";
import { cadenceEnvironment as testEnvironment } from "../../tools/testkit/environment";
import { eventually } from "../support/eventually";
import { spawnCadence } from "../support/spawn-cadence";
import type { CadenceProcess as ChildCadence } from "../../tools/testkit/cadence-process";

const OWNER_COUNT = 30;
// Monday afternoon: the week's check-ins are due.
const NOW = "2026-11-23T15:00:00Z";
// Production on PostgreSQL: a 10 s heartbeat and 40 s staleness (POSTGRES_LIVENESS); scaled down here.
const FAST_LIVENESS = { CADENCE_TEST_HEARTBEAT_MS: "200", CADENCE_TEST_STALE_MS: "1500" };

let slack: LocalSlack | undefined;
const children: ChildCadence[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  await slack?.close();
});

async function health(child: ChildCadence): Promise<{ scheduler: boolean }> {
  return (await fetch(`${child.url}/healthz`)).json() as Promise<{ scheduler: boolean }>;
}

/** A slash command sent to one instance, as a load balancer would; resolves once acknowledged. */
async function sendCommand(fake: LocalSlack, instance: ChildCadence, text: string): Promise<string> {
  const responseUrl = fake.newResponseUrl();
  const client = signedClient({ appUrl: instance.url, signingSecret: SIGNING_SECRET, slack: fake });
  const [name, ...rest] = text.split(" ");
  const ack = await client.command({ command: name, text: rest.join(" "), userId: ADMIN, responseUrl });
  expect(ack.status).toBe(200);
  return responseUrl;
}

/** The same, resolving with the command's first answer. */
async function command(fake: LocalSlack, instance: ChildCadence, text: string): Promise<string> {
  const responseUrl = await sendCommand(fake, instance, text);
  await fake.waitFor(() => fake.responses(responseUrl).length > 0, 20_000);
  return JSON.stringify(fake.responses(responseUrl)[0].body);
}

describe("several instances on one PostgreSQL database", () => {
  it("serves Slack requests on each instance, and finishes a killed leader's fan-out with one DM per owner", async () => {
    slack = await startTestSlack();
    const fake = slack;
    fake.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
    const env = testEnvironment(fake.apiUrl, freshDatabaseUrl(), { CADENCE_TEST_NOW: NOW, ...FAST_LIVENESS });
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

    // Slack applies each post at once but answers slowly, so the leader dies in the middle of the fan-out, with
    // some DMs sent and not yet recorded.
    fake.setLatency(400);
    await sendCommand(fake, leader, "/cadence run checkins");
    const ownersDmed = () => Array.from({ length: OWNER_COUNT }, (_, index) => fake.dmsTo(`UOWN${index}`).length).filter((count) => count > 0).length;
    await fake.waitFor(() => ownersDmed() >= 3, 30_000);
    await leader.kill();
    expect(ownersDmed()).toBeLessThan(OWNER_COUNT);

    fake.setLatency(0);
    await eventually(async () => (await health(follower)).scheduler, 20_000);
    await fake.waitFor(() => ownersDmed() === OWNER_COUNT, 30_000);
    for (let index = 0; index < OWNER_COUNT; index += 1) expect(fake.dmsTo(`UOWN${index}`)).toHaveLength(1);
  }, 120_000);
});
