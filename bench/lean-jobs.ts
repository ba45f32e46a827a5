// Issue 17's memory goals for the weekly jobs, each measured in a fresh process of `npm start`'s bundle (plain
// Node with npm start's flags, no tsx, no benchmark harness in the same heap): the peak resident memory (VmHWM)
// of one instance while it sends the 1,000-owner check-in fan-out, and while it composes and posts the
// 100 seats × 300 KPIs × 52 weeks digest. Each job is started with the admin's `/cadence run …` over signed
// HTTP, as in use; the bundle's own scheduler may start the fan-out first, which the peak includes.
import { openDatabase } from "../src/db/database";
import type { LocalSlack } from "../tools/local-slack/server";
import { cadenceEnvironment } from "../tools/testkit/environment";
import { formatMb, formatMs, type BenchResult, type Metric } from "./support/bench-result";
import { ADMIN, CHANNEL } from "./support/boot";
import { buildBundles, bundleSurroundings, rssOf, sleep, startCommand, startProcess } from "./support/bundles";
import { markAsked, seedTeam, type TeamSpec } from "./support/seed-team";
import { slashCommander } from "./support/slash-commands";
import { postsTaken } from "./support/slack-calls";

const JOB_TIMEOUT_MS = 180_000;
interface Job {
  label: string;
  command: string;
  goalMb: number;
  team: TeamSpec;
  /** Whether every owner was already asked this week: the digest is measured alone, without a fan-out at start. */
  askedAlready: boolean;
  /** How far the job got, e.g. "612 of 1000 DMs"; it is finished when `done`. */
  progress: (slack: LocalSlack, owners: number) => { done: boolean; said: string };
}

const JOBS: Job[] = [
  {
    label: "check-in fan-out, 1,000 owners",
    command: "run checkins",
    goalMb: 200,
    team: { seats: 1000, ownersCount: 1000, kpisPerSeat: [1, 2], weeksOfHistory: 13 },
    askedAlready: false,
    progress: (slack, owners) => ({ done: postsTaken(slack, "dms") >= owners, said: `${postsTaken(slack, "dms")} of ${owners} DMs` }),
  },
  {
    label: "digest, 100 seats × 300 KPIs × 52 weeks",
    command: "run digest",
    goalMb: 150,
    team: { seats: 100, ownersCount: 100, kpisPerSeat: 3, weeksOfHistory: 52, askedWeek: { missing: 0.05, offTrack: 0.15 } },
    askedAlready: true,
    progress: (slack) => {
      const done = slack.messages(CHANNEL).some((message) => message.text?.startsWith("Weekly digest"));
      return { done, said: done ? "posted" : "no digest in the channel" };
    },
  },
];

export async function benchLeanJobs(): Promise<BenchResult[]> {
  const { cadence: bundle } = await buildBundles();
  const metrics: Metric[] = [];
  const failures: string[] = [];
  for (const job of JOBS) {
    const figures = await peakOf(bundle, job, failures);
    metrics.push({
      metric: `${job.label}: peak RSS (goal ≤ ${job.goalMb} MB)`,
      value: `${formatMb(figures.peak)} (${formatMb(figures.idle)} before it; job ${formatMs(figures.jobMs)})`,
    });
  }
  return [{ title: "Lean: peak RSS of npm start's bundle during the weekly jobs", metrics, failures }];
}

async function peakOf(bundle: string, job: Job, failures: string[]): Promise<{ idle: number; peak: number; jobMs: number }> {
  const { slack, databaseUrl, close } = await bundleSurroundings();
  try {
    const db = await openDatabase(databaseUrl);
    const team = await seedTeam(db, slack, job.team, { now: new Date(), teamTz: "UTC" })
      .then(async (seeded) => {
        if (job.askedAlready) await markAsked(db, seeded.ownerIds, new Date());
        return seeded;
      })
      .finally(() => db.$disconnect());
    const npmStart = startCommand();
    const cadence = await startProcess(bundle, { ...cadenceEnvironment(slack.apiUrl, databaseUrl, { PORT: "0" }), ...npmStart.env }, npmStart.flags);
    const commander = slashCommander(cadence.url, slack);
    try {
      await cadence.settle();
      const idle = rssOf(cadence.child);
      const started = performance.now();
      const sent = await commander.send({ command: "/cadence", text: job.command, userId: ADMIN }, { answerTimeoutMs: JOB_TIMEOUT_MS });
      if (sent.status !== 200) failures.push(`${job.label}: /cadence ${job.command} answered HTTP ${sent.status ?? sent.errorKind}`);
      const owners = team.ownerIds.length;
      while (!job.progress(slack, owners).done && performance.now() - started < JOB_TIMEOUT_MS) await sleep(50);
      const jobMs = performance.now() - started;
      const progress = job.progress(slack, owners);
      if (!progress.done) {
        failures.push(`${job.label}: not finished within ${JOB_TIMEOUT_MS / 1000} s (${progress.said}); the app's last lines:\n${cadence.lastOutput()}`);
      }
      const peak = rssOf(cadence.child, "peak");
      if (peak > job.goalMb * 1024 * 1024) failures.push(`${job.label}: peak RSS ${formatMb(peak)} is over the ${job.goalMb} MB goal`);
      return { idle, peak, jobMs };
    } finally {
      commander.close();
      cadence.child.kill("SIGKILL");
    }
  } finally {
    await close();
  }
}
