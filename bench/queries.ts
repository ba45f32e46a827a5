// Issue 17: the hot paths in a number of queries that does not grow with the team's size. The same paths run on
// a team of 50 owners and on one of 500 (1–2 KPIs each, 13 weeks of history, a tenth of this week's numbers
// missing and a fifth off track), counting every SQL statement Prisma sends (`startCadence`'s onQuery). The
// fan-out and the deadline job do per-DM and per-issue writes by design, so they are reported per DM and per
// issue; `/scorecard` and the digest are reported whole.
import type { BenchResult, Metric } from "./support/bench-result";
import { bootBenchApp, type BenchApp, ADMIN } from "./support/boot";
import { slashCommander } from "./support/slash-commands";
import { postsTaken } from "./support/slack-calls";
import { TUESDAY_BEFORE_DEADLINE } from "./checkin-fanout";

const SIZES = [50, 500];
const QUERIES_PER_DELIVERY = 3;
// The deadline (`tue 12:00` in the team's zone) has passed: drift and the digest judge 2026-W47.
const AFTER_DEADLINE = "2026-11-24T13:00:00Z";

interface Counts {
  owners: number;
  dms: number;
  fanout: number;
  scorecard: number;
  issues: number;
  drift: number;
  digest: number;
  /** Messages the digest posted (the main one and its thread parts). */
  digestParts: number;
}

export async function benchQueries(): Promise<BenchResult[]> {
  const counts: Counts[] = [];
  for (const owners of SIZES) counts.push(await countHotPaths(owners));
  const [small, large] = counts as [Counts, Counts];
  const row = (metric: string, pick: (count: Counts) => string): Metric => ({ metric, value: `${pick(small)} → ${pick(large)}` });
  const perItem = (total: number, items: number) => (items > 0 ? (total / items).toFixed(2) : "n/a");
  const failures: string[] = [];
  if (large.scorecard > small.scorecard)
    failures.push(`/scorecard sends ${small.scorecard} queries for ${small.owners} owners, ${large.scorecard} for ${large.owners}`);
  // Each message of the digest is its own delivery (claimed, then marked posted): a bigger team's longer thread
  // adds those writes, and nothing else may grow.
  const extraParts = large.digestParts - small.digestParts;
  if (large.digest - small.digest > QUERIES_PER_DELIVERY * extraParts) {
    failures.push(`the digest sends ${small.digest} queries for ${small.owners} owners, ${large.digest} for ${large.owners} (${extraParts} more messages)`);
  }
  if (large.fanout / large.dms > (small.fanout / small.dms) * 1.1) failures.push("the fan-out's queries per DM grow with the team");
  if (large.drift / large.issues > (small.drift / small.issues) * 1.1) failures.push("the deadline job's queries per issue grow with the team");
  return [
    {
      title: `Queries per hot path: ${small.owners} owners → ${large.owners} owners`,
      metrics: [
        row("check-in fan-out: DMs sent", (count) => String(count.dms)),
        row("check-in fan-out: queries (per DM)", (count) => `${count.fanout} (${perItem(count.fanout, count.dms)})`),
        row("/scorecard (whole team): queries", (count) => String(count.scorecard)),
        row("deadline job: issues opened", (count) => String(count.issues)),
        row("deadline job: queries (per issue)", (count) => `${count.drift} (${perItem(count.drift, count.issues)})`),
        row("digest: queries (messages posted)", (count) => `${count.digest} (${count.digestParts})`),
      ],
      failures,
    },
  ];
}

async function countHotPaths(owners: number): Promise<Counts> {
  let queries = 0;
  const app = await bootBenchApp({ startAt: TUESDAY_BEFORE_DEADLINE, onQuery: () => void (queries += 1) });
  try {
    await app.seedTeam({ seats: owners, ownersCount: owners, kpisPerSeat: [1, 2], weeksOfHistory: 13, askedWeek: { missing: 0.1, offTrack: 0.2 } });
    const counted = async (work: () => Promise<unknown>): Promise<number> => {
      await app.cadence.idle();
      const before = queries;
      await work();
      await app.cadence.idle();
      return queries - before;
    };
    const dmsBefore = postsTaken(app.slack, "dms");
    const fanout = await counted(() => app.cadence.tick());
    const dms = postsTaken(app.slack, "dms") - dmsBefore;
    const scorecard = await counted(() => scorecardAnswer(app));
    app.clock.set(AFTER_DEADLINE);
    const issuesBefore = await app.cadence.db.issue.count();
    const drift = await counted(() => app.cadence.services.loop.runNow("drift", app.clock.now));
    const issues = (await app.cadence.db.issue.count()) - issuesBefore;
    const postsBefore = postsTaken(app.slack, "channel");
    const digest = await counted(() => app.cadence.services.loop.runNow("digest", app.clock.now));
    return { owners, dms, fanout, scorecard, issues, drift, digest, digestParts: postsTaken(app.slack, "channel") - postsBefore };
  } finally {
    await app.stop();
  }
}

async function scorecardAnswer(app: BenchApp): Promise<void> {
  const commander = slashCommander(app.cadence.url!, app.slack);
  try {
    const sent = await commander.send({ command: "/scorecard", text: "", userId: ADMIN }, { answerTimeoutMs: 30_000 });
    if (sent.answerMs === undefined) throw new Error(`/scorecard was not answered: ${sent.error ?? sent.status}`);
  } finally {
    commander.close();
  }
}
