// "Let the others answer": every other owner with an open check-in replies in their DM with plausible numbers,
// so the visitor can answer for one person and still see a full digest. It goes through the app's DM path.
import type { Unit } from "../../src/domain/units";
import { formatValue } from "../../src/domain/units";
import type { StateDeps } from "./page-state";

const RECENT_WEEKS = 4;

/** Sends one DM reply per owner (except `exceptUserId`) still missing numbers for their latest check-in. */
export async function answerForTheTeam(deps: StateDeps, exceptUserId: string): Promise<string[]> {
  const { cadence, client, slack } = deps;
  const checkins = await cadence.db.checkIn.findMany({ where: { sentAt: { not: null }, ownerId: { not: exceptUserId } }, orderBy: { week: "desc" } });
  const latestByOwner = new Map<string, string>();
  for (const checkin of checkins) if (!latestByOwner.has(checkin.ownerId)) latestByOwner.set(checkin.ownerId, checkin.week);

  const answered: string[] = [];
  for (const [ownerId, week] of latestByOwner) {
    const kpis = await cadence.db.kpi.findMany({
      where: { archivedAt: null, seat: { ownerId, archivedAt: null } },
      orderBy: [{ seatId: "asc" }, { position: "asc" }, { id: "asc" }],
    });
    const entries = await cadence.db.entry.findMany({ where: { kpiId: { in: kpis.map((kpi) => kpi.id) } }, orderBy: { week: "desc" } });
    const lines = kpis.flatMap((kpi) => {
      const ofKpi = entries.filter((entry) => entry.kpiId === kpi.id);
      if (ofKpi.some((entry) => entry.week === week)) return [];
      const recent = ofKpi
        .filter((entry) => entry.week < week)
        .slice(0, RECENT_WEEKS)
        .map((entry) => entry.value);
      if (recent.length === 0) return [];
      return [`${kpi.name}: ${formatValue(plausibleValue(recent, kpi.unit as Unit, `${week}:${kpi.id}`), kpi.unit as Unit)}`];
    });
    if (lines.length === 0) continue;
    await client.postMessage(ownerId, slack.dmChannelOf(ownerId), lines.join("\n"));
    answered.push(ownerId);
  }
  return answered;
}

/** Near the recent average, nudged a few percent either way (the same nudge for the same week and KPI). */
export function plausibleValue(recent: number[], unit: Unit, seed: string): number {
  if (unit === "yes/no") return 1;
  const average = recent.reduce((sum, value) => sum + value, 0) / recent.length;
  const nudge = ((hash(seed) % 13) - 6) / 100;
  const value = average * (1 + nudge);
  switch (unit) {
    case "percent":
      return Math.min(100, Math.max(0, Math.round(value)));
    case "currency":
      return Math.round(value / 1000) * 1000;
    case "duration":
      return Math.max(1, Math.round(value));
    default:
      return Math.round(value);
  }
}

function hash(text: string): number {
  let result = 0;
  for (const char of text) result = (result * 31 + char.charCodeAt(0)) >>> 0;
  return result;
}
