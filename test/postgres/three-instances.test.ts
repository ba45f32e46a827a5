// Three Cadence processes on one PostgreSQL database behind a (simulated) load balancer. Slash commands spread
// over all three are each acked and answered; the instance running the check-in fan-out is killed with SIGKILL
// half-way and the others finish it (one DM per owner). Then, as a platform replaces machines, the survivors give
// way to two new instances on Tuesday afternoon: the scheduled deadline and digest run on one while both are told
// to run them, and every issue and digest part is posted exactly once (the delivery key in each message's metadata).
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database";
import { InstanceRepository } from "../../src/repositories/instance-repository";
import type { LocalSlack } from "../../tools/local-slack/server";
import type { CadenceProcess } from "../../tools/testkit/cadence-process";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { addSeats, recordValues } from "../../tools/testkit/team-builder";
import { ADMIN, CHANNEL, freshDatabaseUrl, startTestSlack } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { command, deliveryKeys, duplicatesIn, expectOneDmPerOwner, FAST_LIVENESS, health, killMidFanOut } from "../support/instance-requests";
import { spawnCadence } from "../support/spawn-cadence";

const OWNER_COUNT = 45;
// Monday afternoon: last week's check-ins are due; the deadline (Tuesday 12:00) is not, so nothing runs at start.
const NOW = "2026-11-23T15:00:00Z";
// Tuesday after the deadline (12:00) and the digest (13:00).
const LATER = "2026-11-24T13:30:00Z";
const WEEK = "2026-W47";

let slack: LocalSlack | undefined;
const children: CadenceProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill();
  slack?.setLatency(0);
  await slack?.close();
});

/**
 * One seat and KPI per owner, written straight to the database: a third of the KPIs on goal last week, a third
 * off goal (drift issues), a third without a value (missing issues once the owner was asked).
 */
async function seedTeam(databaseUrl: string): Promise<{ drift: number; missing: number }> {
  const db = await openDatabase(databaseUrl);
  try {
    const specs = Array.from({ length: OWNER_COUNT }, (_, index) => ({
      name: `Seat ${index}`,
      ownerId: `UOWN${index}`,
      kpis: [{ name: `KPI ${index}`, goal: ">= 10" }],
    }));
    const seats = await addSeats(db, specs, { at: new Date("2026-11-01") });
    const values = seats.flatMap((seat, index) =>
      index % 3 === 2 ? [] : [{ kpiId: seat.kpis[0].id, week: WEEK, value: index % 3 === 0 ? 20 : 5, by: seat.ownerId, at: new Date(NOW) }],
    );
    await recordValues(db, values);
    return { drift: values.filter((value) => value.value < 10).length, missing: OWNER_COUNT - values.length };
  } finally {
    await db.$disconnect();
  }
}

/** The instance holding the scheduler lease, as the database has it. */
async function leaseHolderAmong(databaseUrl: string, instances: CadenceProcess[]): Promise<CadenceProcess> {
  const db = await openDatabase(databaseUrl);
  try {
    const holder = await new InstanceRepository(db).leaseHolder("scheduler");
    const ids = await Promise.all(instances.map(async (instance) => (await health(instance)).instance));
    expect(ids).toContain(holder);
    return instances[ids.indexOf(holder!)];
  } finally {
    await db.$disconnect();
  }
}

describe("three instances on one PostgreSQL database", () => {
  it("answer commands on each, finish a killed instance's fan-out, and post every DM, issue and digest once", async () => {
    slack = await startTestSlack();
    const fake = slack;
    fake.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
    for (let index = 0; index < OWNER_COUNT; index += 1) fake.addUser({ id: `UOWN${index}`, name: `owner${index}`, tz: "UTC" });
    const databaseUrl = freshDatabaseUrl();
    const env = cadenceEnvironment(fake.apiUrl, databaseUrl, { CADENCE_NOW: NOW, ...FAST_LIVENESS });
    const [first, second, third] = await Promise.all([spawnCadence(env), spawnCadence(env), spawnCadence(env)]);
    children.push(first, second, third);
    const instances = [first, second, third];
    const expected = await seedTeam(databaseUrl);

    // Commands spread round-robin over the three, two at a time per instance: each is acked and answered.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) => command(fake, instances[index % 3], index % 2 ? "/cadence seat list" : "/scorecard")),
    );
    for (const answer of answers) expect(answer).toContain(`Seat ${OWNER_COUNT - 1}`);

    // The instance running the fan-out dies half-way; the others finish it.
    // (With three starting at once on a busy machine, the lease may change hands while their heartbeats are late:
    // the database says who holds it.)
    const victim = await leaseHolderAmong(databaseUrl, instances);
    const survivors = instances.filter((instance) => instance !== victim);
    await killMidFanOut(fake, victim, OWNER_COUNT);
    await eventually(async () => (await Promise.all(survivors.map(health))).some((status) => status.scheduler), 20_000);
    await expectOneDmPerOwner(fake, OWNER_COUNT);

    for (const survivor of survivors) await survivor.stop();
    const laterEnv = cadenceEnvironment(fake.apiUrl, databaseUrl, { CADENCE_NOW: LATER, ...FAST_LIVENESS });
    const replacements = await Promise.all([spawnCadence(laterEnv), spawnCadence(laterEnv)]);
    children.push(...replacements);
    await Promise.all(replacements.map((instance) => command(fake, instance, "/cadence run drift")));
    await Promise.all(replacements.map((instance) => command(fake, instance, "/cadence run digest")));
    await fake.waitFor(() => deliveryKeys(fake, CHANNEL).includes(`digest:${WEEK}:main`), 20_000);
    const keys = deliveryKeys(fake, CHANNEL);
    expect(duplicatesIn(keys)).toEqual([]);
    expect(keys.filter((key) => key.startsWith("issue:"))).toHaveLength(expected.drift + expected.missing);
    expect(keys.filter((key) => key === `digest:${WEEK}:main`)).toHaveLength(1);
  }, 150_000);
});
