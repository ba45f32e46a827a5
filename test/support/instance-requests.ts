// Slack requests to one of several Cadence processes, as a load balancer in front of /slack/events would send them.
import { expect } from "vitest";
import type { LocalSlack } from "../../tools/local-slack/server";
import { signedClient } from "../../tools/local-slack/signed-requests";
import type { CadenceProcess } from "../../tools/testkit/cadence-process";
import { ADMIN, SIGNING_SECRET } from "../../tools/testkit/environment";

// Production on PostgreSQL: a 10 s heartbeat and 40 s staleness (POSTGRES_LIVENESS); scaled down in these tests.
export const FAST_LIVENESS = { CADENCE_TEST_HEARTBEAT_MS: "200", CADENCE_TEST_STALE_MS: "1500" };

/** The instance's /healthz: its id, and whether it believes it runs the scheduler. */
export async function health(instance: CadenceProcess): Promise<{ instance: string; scheduler: boolean }> {
  return (await fetch(`${instance.url}/healthz`)).json() as Promise<{ instance: string; scheduler: boolean }>;
}

/** A slash command sent to one instance; resolves with its response_url once acknowledged (HTTP 200). */
export async function sendCommand(fake: LocalSlack, instance: CadenceProcess, text: string): Promise<string> {
  const responseUrl = fake.newResponseUrl();
  const client = signedClient({ appUrl: instance.url, signingSecret: SIGNING_SECRET, slack: fake });
  const [name, ...rest] = text.split(" ");
  const ack = await client.command({ command: name, text: rest.join(" "), userId: ADMIN, responseUrl });
  expect(ack.status).toBe(200);
  return responseUrl;
}

/** The same, resolving with the command's first answer. */
export async function command(fake: LocalSlack, instance: CadenceProcess, text: string): Promise<string> {
  const responseUrl = await sendCommand(fake, instance, text);
  await fake.waitFor(() => fake.responses(responseUrl).length > 0, 20_000);
  return JSON.stringify(fake.responses(responseUrl)[0].body);
}

/** Keys of the messages Cadence posted in a channel (each carries its delivery key in metadata). */
export function deliveryKeys(fake: LocalSlack, channel: string): string[] {
  return fake
    .messages(channel)
    .map((message) => String(message.metadata?.event_payload?.key ?? ""))
    .filter(Boolean);
}

export const duplicatesIn = (keys: string[]): string[] => keys.filter((key, index) => keys.indexOf(key) !== index);

/** How many of the owners UOWN0 … UOWN<count - 1> have had a DM. */
export const ownersDmed = (fake: LocalSlack, count: number): number =>
  Array.from({ length: count }, (_, index) => fake.dmsTo(`UOWN${index}`).length).filter((dms) => dms > 0).length;

/**
 * Starts the check-in fan-out on `victim` and kills it (SIGKILL) half-way: Slack applies each post at once but
 * answers slowly, so it dies with some DMs sent and some of those not yet recorded.
 */
export async function killMidFanOut(fake: LocalSlack, victim: CadenceProcess, ownerCount: number): Promise<void> {
  // Each instance sends 16 DMs at a time, so a few bursts cover the owners: answers this slow leave the test time to
  // see the fan-out under way between two bursts, even on a busy machine (at 400 ms a CI run once saw all done).
  fake.setLatency(1_500);
  await sendCommand(fake, victim, "/cadence run checkins");
  await fake.waitFor(() => ownersDmed(fake, ownerCount) >= 3, 30_000);
  // Counted just before the signal, not after the victim has exited: meanwhile the other instances go on with the
  // shared fan-out, and on a busy machine they could finish it while the kill is waited for (it happened in CI).
  const dmedAtTheKill = ownersDmed(fake, ownerCount);
  await victim.kill();
  expect(dmedAtTheKill).toBeLessThan(ownerCount);
  fake.setLatency(0);
}

/** Waits until every owner has a DM, then checks each has exactly one. */
export async function expectOneDmPerOwner(fake: LocalSlack, ownerCount: number): Promise<void> {
  await fake.waitFor(() => ownersDmed(fake, ownerCount) === ownerCount, 30_000);
  for (let index = 0; index < ownerCount; index += 1) expect(fake.dmsTo(`UOWN${index}`)).toHaveLength(1);
}
