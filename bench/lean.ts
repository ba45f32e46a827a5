// Issue 17, side by side in one run: Cadence as `npm start` runs it (the esbuild bundle in dist/, plain Node with
// npm start's flags) against a bare Bolt app that only acks (support/bare-bolt.ts, bundled the same way, no flags).
// Both start from the same environment; the figures are start-up to a healthy /healthz, idle RSS, and the
// /scorecard ack at 20 concurrent requests (40 and 500 KPIs for Cadence; the bare app acks whatever comes). Each
// Cadence figure is printed with its ratio to the bare app's. The machine is shared: compare within a run, never
// across runs; the ack rounds alternate between the two apps for the same reason. Acks are timed on threads of
// their own at the apps' priority; the fake Slack that takes the answers runs below it (support/low-priority.ts).
// The apps run on one core and the benchmark on the other (support/separate-cores.ts), Slack's side being
// elsewhere in use.
import { openDatabase } from "../src/db/database";
import type { LocalSlack } from "../tools/local-slack/server";
import { cadenceEnvironment } from "../tools/testkit/environment";
import { formatMb, formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN } from "./support/boot";
import { p99ShiftRange, summarize } from "./support/latency";
import { markAsked, seedTeam, type TeamSpec } from "./support/seed-team";
import { workerSlashCommander, type SlashCommander } from "./support/slash-commands";
import { lowerThisThreadsPriority } from "./support/low-priority";
import { separateCores } from "./support/separate-cores";
import {
  buildBundles,
  bundleSurroundings,
  cpuOf,
  LOOP_DELAY_FLAG,
  type LoopDelay,
  ratio,
  rssOf,
  sleep,
  startCommand,
  startProcess,
  type Started,
} from "./support/bundles";

const CONCURRENCY = 20;
const ROUNDS = 60;
const ANSWER_TIMEOUT_MS = 30_000;
const BETWEEN_ROUNDS_MS = 200;
// Past Cadence's own stop deadline (20 s, then half a second a step).
const STOP_TIMEOUT_MS = 30_000;
// Rounds sent first and not counted, at both apps alike: the first requests a process serves run its code cold
// (parsed, not yet compiled by the JIT), which costs Cadence's larger code more than a bare app's. A process
// pays that once in its life; Slack's requests meet it warm.
const WARM_UP_ROUNDS = 3;
// Start-up is timed over several starts of each app, taken in turns, and given as their median: one start on a
// shared machine moved by 0.3 s from run to run.
const STARTS = 5;
// Resident memory 3 s after start-up, and then while idle: V8's memory reducer shrinks the heap about 8 s after
// allocation stops (kLongDelayMs in V8's src/heap/memory-reducer.cc), which is how a server waiting for the next
// request sits. Cadence's first scheduler tick runs at start with the team in the database (users looked up, the
// check-in paths run for the first time), so its allocation stops a few seconds after start-up: one reading at
// 15 s caught it before the reducer in one run of two (103.7 MB against 93.8 MB; a second later, 96 MB). Issue
// 17's idle goal is judged on the median of one reading a second from 20 to 30 s after start-up.
const SOON_AFTER_START_MS = 3_000;
const IDLE_FROM_MS = 20_000;
const IDLE_READINGS = 11;
const TEAMS: { label: string; spec: TeamSpec }[] = [
  { label: "40 KPIs", spec: { seats: 10, ownersCount: 10, kpisPerSeat: 4, weeksOfHistory: 13 } },
  { label: "500 KPIs", spec: { seats: 125, ownersCount: 125, kpisPerSeat: 4, weeksOfHistory: 52 } },
];

export async function benchLean(): Promise<BenchResult[]> {
  const bundles = await buildBundles();
  const { slack, databaseUrl, close } = await bundleSurroundings();
  try {
    const env = cadenceEnvironment(slack.apiUrl, databaseUrl, { PORT: "0" });
    // The bare app runs as any Bolt app would, with no flags; Cadence with npm start's.
    // Both load support/loop-delay.mjs (a few lines, no dependencies) so the load's event-loop delay can be read.
    const npmStart = startCommand();
    const appCores = separateCores();
    // The first team is in the database before the apps start, as a team is when Cadence starts in use: the
    // scheduler's first tick, run at start, then meets it there. Seeded after start, that tick found nobody, and
    // the next one (at the minute) ran the check-in paths for the first time in the process, cold: it held the
    // event loop for 30-70 ms in the middle of the measured rounds (a CPU profile, and per-round acks).
    await reseed(databaseUrl, slack, TEAMS[0]!.spec);
    const startBare = () => startProcess(bundles.bare, env, [LOOP_DELAY_FLAG], appCores);
    const startCadence = (extraFlags: string[] = []) =>
      startProcess(bundles.cadence, { ...env, ...npmStart.env }, [...npmStart.flags, LOOP_DELAY_FLAG, ...extraFlags], appCores);
    // BENCH_CPU_PROF=<dir>: the measured Cadence (not the timed starts) writes its V8 CPU profiles there, one a thread.
    const profileFlags = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const startups = { bare: [] as number[], cadence: [] as number[] };
    for (let start = 1; start < STARTS; start += 1) {
      startups.bare.push(await timedStartAndKill(startBare));
      startups.cadence.push(await timedStartAndKill(() => startCadence()));
    }
    const bare = await startBare();
    const cadence = await startCadence(profileFlags);
    startups.bare.push(bare.startMs);
    startups.cadence.push(cadence.startMs);
    try {
      await sleep(SOON_AFTER_START_MS);
      const soon = { bare: rssOf(bare.child), cadence: rssOf(cadence.child) };
      await sleep(IDLE_FROM_MS - SOON_AFTER_START_MS);
      const readings = { bare: [] as number[], cadence: [] as number[] };
      for (let reading = 0; reading < IDLE_READINGS; reading += 1) {
        if (reading > 0) await sleep(1_000);
        readings.bare.push(rssOf(bare.child));
        readings.cadence.push(rssOf(cadence.child));
      }
      const idle = { bare: summarize(readings.bare).p50, cadence: summarize(readings.cadence).p50 };
      const startup: Metric[] = [
        ratio(`start-up to healthy /healthz, median of ${STARTS}`, summarize(startups.cadence).p50, summarize(startups.bare).p50, formatMs),
        {
          metric: "start-up, each start (goal ≤ 1 s)",
          value: `${startups.cadence.map(formatMs).join(", ")} (bare Bolt ${startups.bare.map(formatMs).join(", ")})`,
        },
        ratio(`RSS ${SOON_AFTER_START_MS / 1000} s after start-up`, soon.cadence, soon.bare, formatMb),
        ratio(
          `idle RSS (median of ${IDLE_READINGS} readings, ${IDLE_FROM_MS / 1000}-${IDLE_FROM_MS / 1000 + IDLE_READINGS - 1} s after start-up; goal ≤ 100 MB)`,
          idle.cadence,
          idle.bare,
          formatMb,
        ),
        {
          metric: "idle RSS, highest of those readings",
          value: `${formatMb(Math.max(...readings.cadence))} (bare Bolt ${formatMb(Math.max(...readings.bare))})`,
        },
      ];
      const acks: Metric[] = [];
      const failures: string[] = [];
      // Acks timed on threads of their own: this one's fake Slack takes Cadence's answers meanwhile.
      const bareCommander = await workerSlashCommander(bare.url, slack);
      const cadenceCommander = await workerSlashCommander(cadence.url, slack);
      lowerThisThreadsPriority();
      try {
        for (const team of TEAMS) {
          if (team !== TEAMS[0]) await reseed(databaseUrl, slack, team.spec);
          const apps = { bare: bareCommander, cadence: cadenceCommander };
          await ackRounds(apps, WARM_UP_ROUNDS, ADMIN, []);
          const loopDelay = { bare: bare.measureLoopDelay(), cadence: cadence.measureLoopDelay() };
          const cpuBefore = { bare: cpuOf(bare.child), cadence: cpuOf(cadence.child) };
          const measured = await ackRounds(apps, ROUNDS, ADMIN, failures);
          const cpuAfter = { bare: cpuOf(bare.child), cadence: cpuOf(cadence.child) };
          const delay = { bare: await loopDelay.bare(), cadence: await loopDelay.cadence() };
          const perCommand = (app: "bare" | "cadence", thread: "main" | "all") => (cpuAfter[app][thread] - cpuBefore[app][thread]) / (ROUNDS * CONCURRENCY);
          acks.push(
            ackRatio(`/scorecard ack p99, ${CONCURRENCY} concurrent, ${team.label}`, measured),
            loopDelayMetric(`event-loop delay p99 / max over those rounds, ${team.label}`, delay),
            // The acking thread's own cost is what a burst queues behind; the whole process's adds Cadence's
            // answers (built and posted on the off-loop thread) and both apps' garbage collection helpers.
            ratio(`main-thread CPU per /scorecard, ${team.label}`, perCommand("cadence", "main"), perCommand("bare", "main"), formatCpuMs),
            ratio(`process CPU per /scorecard (answers included), ${team.label}`, perCommand("cadence", "all"), perCommand("bare", "all"), formatCpuMs),
          );
        }
      } finally {
        bareCommander.close();
        cadenceCommander.close();
      }
      const peak = { bare: rssOf(bare.child), cadence: rssOf(cadence.child) };
      return [
        {
          title: "Lean: Cadence (npm start's bundle) beside a bare Bolt app that only acks",
          metrics: [...startup, ...acks, ratio("RSS after the /scorecard load", peak.cadence, peak.bare, formatMb)],
          failures,
        },
      ];
    } finally {
      bare.child.kill("SIGKILL");
      // A profile is written when the process exits on its own: SIGTERM stops Cadence as a deployment would.
      if (profileFlags.length > 0) await stopped(cadence.child);
      else cadence.child.kill("SIGKILL");
    }
  } finally {
    await close();
  }
}

/**
 * Acks (ms) at each app over rounds of concurrent commands, the rounds taken in turns (bare, Cadence, bare, ...)
 * so that a noisy stretch of the shared machine falls on both alike. A Cadence round ends when its answers (the
 * scorecards, built after the acks) have arrived: the next round, at either app, starts from quiet (after a short
 * pause), and each stays at 20 commands in flight. A request not acked with 200 is a failure.
 */
async function ackRounds(
  apps: { bare: SlashCommander; cadence: SlashCommander },
  rounds: number,
  userId: string,
  failures: string[],
): Promise<{ bare: number[]; cadence: number[] }> {
  const acks = { bare: [] as number[], cadence: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    for (const app of ["bare", "cadence"] as const) {
      // Only Cadence answers; the bare app acks and is done.
      const answerTimeoutMs = app === "cadence" ? ANSWER_TIMEOUT_MS : 1;
      const sent = await Promise.all(
        Array.from({ length: CONCURRENCY }, () => apps[app].send({ command: "/scorecard", text: "", userId }, { answerTimeoutMs })),
      );
      // What a round leaves behind (the garbage of 20 scorecards, the fake Slack storing them) is collected before
      // the next round, at either app, starts: otherwise it would run beside that round on the two cores.
      await sleep(BETWEEN_ROUNDS_MS);
      for (const command of sent) {
        if (command.status !== 200 || command.ackMs === undefined) failures.push(`a /scorecard was not acked: ${command.status ?? command.errorKind}`);
        else acks[app].push(command.ackMs);
        if (app === "cadence" && command.status === 200 && command.error) failures.push(`a /scorecard was acked but not answered: ${command.error}`);
      }
    }
  }
  return acks;
}

/**
 * Cadence's ack p99 as a multiple of bare Bolt's, with the range that holds 90 % of the same ratio over resamples
 * of each side (p99ShiftRange, a bootstrap): the noise within the run. Runs on this shared machine differ by more
 * than that (0.70-2.09x with 40 KPIs over four runs of the same code), so the goal is judged over several.
 */
function ackRatio(metric: string, acks: { bare: number[]; cadence: number[] }): Metric {
  const [cadence, bare] = [summarize(acks.cadence).p99, summarize(acks.bare).p99];
  const [low, high] = p99ShiftRange(acks.bare, acks.cadence).map((shift) => (1 + shift).toFixed(2));
  return { metric, value: `${formatMs(cadence)} (bare Bolt ${formatMs(bare)}; ${(cadence / bare).toFixed(2)}×, 90 % of resamples ${low}× to ${high}×)` };
}

const formatCpuMs = (ms: number) => `${ms.toFixed(2)} ms`;

/** The team in the database replaced by one of `spec`, its owners already asked for their numbers. */
async function reseed(databaseUrl: string, slack: LocalSlack, spec: TeamSpec): Promise<void> {
  const db = await openDatabase(databaseUrl);
  try {
    await db.$executeRawUnsafe('DELETE FROM "Entry"');
    await db.$executeRawUnsafe('DELETE FROM "Kpi"');
    await db.$executeRawUnsafe('DELETE FROM "Seat"');
    const seeded = await seedTeam(db, slack, spec, { now: new Date(), teamTz: "UTC" });
    await markAsked(db, seeded.ownerIds, new Date());
  } finally {
    await db.$disconnect();
  }
}

/** Stops the app with SIGTERM, as a deployment would (so --cpu-prof writes its profiles); killed if it hangs. */
async function stopped(child: Started["child"]): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const hung = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(hung);
}

/** One start of an app until /healthz answers, then the app killed: how long it took. */
async function timedStartAndKill(start: () => Promise<Started>): Promise<number> {
  const started = await start();
  const exited = new Promise((resolve) => started.child.once("exit", resolve));
  started.child.kill("SIGKILL");
  await exited;
  return started.startMs;
}

/**
 * How long each app's event loop was held while those rounds ran: an ack arriving at that moment waits as long.
 * The bare app's figure is the machine's own noise (garbage collection, the process not scheduled).
 */
function loopDelayMetric(metric: string, delay: { bare: LoopDelay; cadence: LoopDelay }): Metric {
  const both = (figures: LoopDelay) => `${formatMs(figures.p99)} / ${formatMs(figures.max)}`;
  return { metric, value: `${both(delay.cadence)} (bare Bolt ${both(delay.bare)})` };
}
