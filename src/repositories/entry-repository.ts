// KPI values per week. Re-entering replaces the value; the audit log keeps the one it replaced.
import type { Database } from "../db/database";
import { transaction } from "./transaction";
import type { Entry, EntrySource } from "../domain/model";
import { writeAudit, type AuditInput, type Tx } from "./audit";
import { insertAudits, insertEntries, readEarlierEntries, updateEntry } from "./entry-writes";
import { inChunks } from "./chunks";
import { valuesChanged } from "./value-changes";

export interface NewEntry {
  kpiId: number;
  week: string;
  value: number;
  note: string | null;
  source: EntrySource;
  enteredBy: string;
  enteredAt: Date;
}

type EntryRow = {
  kpiId: number;
  week: string;
  value: number;
  note: string | null;
  source: string;
  enteredBy: string;
  enteredAt: Date;
  confirmedAt: Date | null;
  agentValue: number | null;
};
const toEntry = ({ kpiId, week, value, note, source, enteredBy, enteredAt, confirmedAt, agentValue }: EntryRow): Entry => ({
  kpiId,
  week,
  value,
  note,
  source: source as EntrySource,
  enteredBy,
  enteredAt,
  confirmedAt,
  agentValue,
});

export type ScorecardValue = Pick<Entry, "kpiId" | "week" | "value" | "source" | "confirmedAt" | "agentValue">;

// What the driver hands back for those columns: SQLite may give a whole-number REAL as an integer or bigint, and a
// date as text.
type RawScorecardValue = {
  kpiId: number | bigint;
  week: string;
  value: number | bigint;
  source: string;
  confirmedAt: Date | string | null;
  agentValue: number | bigint | null;
};

export class EntryRepository {
  constructor(private readonly db: Database) {}

  /**
   * Records several values in one transaction, each with its audit row, and `alsoWrite` in the same one (first,
   * so a write that fails there, such as an Idempotency-Key already taken, costs no entry writes). The values
   * they replace are read in one query; new values and the audit rows are each written in one statement, all
   * as SQL (entry-writes.ts says why).
   */
  async record(entries: NewEntry[], alsoWrite?: (tx: Tx) => Promise<void>): Promise<void> {
    await transaction(this.db, async (tx) => {
      await alsoWrite?.(tx);
      const existing = await readEarlierEntries(tx, [...new Set(entries.map((entry) => entry.kpiId))], [...new Set(entries.map((entry) => entry.week))]);
      const earlier = new Map(existing.map((row) => [`${row.kpiId}:${row.week}`, row]));
      const created: Parameters<typeof insertEntries>[1] = [];
      const audits: AuditInput[] = [];
      for (let entry of entries) {
        const before = earlier.get(`${entry.kpiId}:${entry.week}`);
        // No note given (a form left blank, a reply without `note:`) keeps the note already there.
        entry = { ...entry, note: entry.note ?? before?.note ?? null };
        // The same value again (a retried submission, a repeated reply) changes nothing and logs nothing.
        if (before && before.value === entry.value && before.note === entry.note) continue;
        // A new value is no longer the one its owner confirmed. A person replacing the agent's value corrects
        // it: the agent's value is kept beside the correction (and in the audit log) until the agent reports again.
        const agentValue = entry.source === "agent" ? null : before?.source === "agent" ? before.value : (before?.agentValue ?? null);
        const data = { value: entry.value, note: entry.note, source: entry.source, enteredBy: entry.enteredBy, enteredAt: entry.enteredAt, agentValue };
        if (before) await updateEntry(tx, before.id, data);
        else created.push({ kpiId: entry.kpiId, week: entry.week, ...data });
        audits.push({
          actor: entry.enteredBy,
          action: before ? "entry.replace" : "entry.add",
          entity: "entry",
          entityId: `${entry.kpiId}:${entry.week}`,
          before: before ? { value: before.value, note: before.note, source: before.source, enteredBy: before.enteredBy } : undefined,
          after: { value: data.value, note: data.note, source: data.source },
          at: entry.enteredAt,
        });
      }
      await insertEntries(tx, created);
      await insertAudits(tx, audits);
    });
    valuesChanged(this.db, [...new Set(entries.map((entry) => entry.week))]);
  }

  /**
   * The owner confirms the agent's values of these KPIs for the week: they stop showing as only the agent's.
   * Answers how many were confirmed (values already confirmed or entered by people are left alone).
   */
  async confirmAgentValues(kpiIds: number[], week: string, actor: string, at: Date): Promise<number> {
    if (kpiIds.length === 0) return 0;
    const confirmed = await transaction(this.db, async (tx) => {
      const rows = await tx.entry.findMany({ where: { kpiId: { in: kpiIds }, week, source: "agent", confirmedAt: null } });
      for (const row of rows) {
        await tx.entry.update({ where: { id: row.id }, data: { confirmedBy: actor, confirmedAt: at } });
        await writeAudit(tx, {
          actor,
          action: "entry.confirm",
          entity: "entry",
          entityId: `${row.kpiId}:${row.week}`,
          after: { value: row.value, source: row.source },
          at,
        });
      }
      return rows.length;
    });
    if (confirmed > 0) valuesChanged(this.db, [week]);
    return confirmed;
  }

  async forWeeks(kpiIds: number[], weeks: string[]): Promise<Entry[]> {
    if (kpiIds.length === 0 || weeks.length === 0) return [];
    const rows = await inChunks(kpiIds, (chunk) => this.db.entry.findMany({ where: { kpiId: { in: chunk }, week: { in: weeks } } }));
    return rows.map(toEntry);
  }

  /** What the scorecard shows of one week's values: no notes or authors, so a big team reads in small bites. */
  async scorecardValues(week: string): Promise<ScorecardValue[]> {
    // Plain SQL: every /scorecard, digest and home tab reads each KPI's week this way, and Prisma's compiled
    // query costs several times the CPU (and the garbage, collected on the event loop that acks) of a raw one.
    const rows = await this.db.$queryRaw<RawScorecardValue[]>`SELECT "kpiId", "week", "value", "source", "confirmedAt", "agentValue" FROM "Entry"
      WHERE "week" = ${week}`;
    return rows.map((row) => ({
      kpiId: Number(row.kpiId),
      week: row.week,
      value: Number(row.value),
      source: row.source as EntrySource,
      confirmedAt: row.confirmedAt === null ? null : new Date(row.confirmedAt),
      agentValue: row.agentValue === null ? null : Number(row.agentValue),
    }));
  }
}
