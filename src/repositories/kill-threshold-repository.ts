// Kill thresholds of AI seats' KPIs: one per KPI, replaced when set again (the audit log keeps the old one).
import type { Database } from "../db/database";
import type { KillOp } from "../domain/commands/pilot-command";
import type { KillThreshold } from "../domain/kill";
import { writeAudit } from "./audit";
import { SeatDataCache, seatDataTransaction } from "./seat-data-cache";

export class KillThresholdRepository {
  /** Per KPI: its threshold, or null for none. */
  private readonly recent: SeatDataCache<number, KillThreshold | null>;

  constructor(
    private readonly db: Database,
    monotonicNow?: () => number,
  ) {
    this.recent = new SeatDataCache(db, monotonicNow);
  }

  async set(threshold: KillThreshold, actor: string, at: Date): Promise<void> {
    await seatDataTransaction(this.db, async (tx) => {
      const before = await tx.killThreshold.findUnique({ where: { kpiId: threshold.kpiId } });
      const data = { op: threshold.op, value: threshold.value, setBy: actor, setAt: at };
      await tx.killThreshold.upsert({ where: { kpiId: threshold.kpiId }, create: { kpiId: threshold.kpiId, ...data }, update: data });
      await writeAudit(tx, {
        actor,
        action: "kpi.kill",
        entity: "kpi",
        entityId: threshold.kpiId,
        before: before ? { op: before.op, value: before.value } : undefined,
        after: { op: threshold.op, value: threshold.value },
        at,
      });
    });
  }

  async forKpis(kpiIds: number[]): Promise<Map<number, KillThreshold>> {
    const rows = await this.db.killThreshold.findMany({ where: { kpiId: { in: kpiIds } } });
    return new Map(rows.map((row) => [row.kpiId, { kpiId: row.kpiId, op: row.op as KillOp, value: row.value }]));
  }

  /** The same from a recent read (see seat-data-cache.ts): checked on every value an agent records. */
  async recentForKpis(kpiIds: number[]): Promise<Map<number, KillThreshold>> {
    let perKpi = this.recent.freshValues(kpiIds);
    if (!perKpi) {
      const { version, at } = this.recent.stamp();
      const found = await this.forKpis(kpiIds);
      perKpi = new Map(kpiIds.map((kpiId) => [kpiId, found.get(kpiId) ?? null]));
      this.recent.setAll(perKpi, version, at);
    }
    const thresholds = new Map<number, KillThreshold>();
    for (const [kpiId, threshold] of perKpi) if (threshold) thresholds.set(kpiId, threshold);
    return thresholds;
  }
}
