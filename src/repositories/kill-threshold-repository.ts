// Kill thresholds of AI seats' KPIs: one per KPI, replaced when set again (the audit log keeps the old one).
import type { Database } from "../db/database";
import type { KillOp } from "../domain/commands/pilot-command";
import type { KillThreshold } from "../domain/kill";
import { writeAudit } from "./audit";
import { transaction } from "./transaction";

export class KillThresholdRepository {
  constructor(private readonly db: Database) {}

  async set(threshold: KillThreshold, actor: string, at: Date): Promise<void> {
    await transaction(this.db, async (tx) => {
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
}
