// AI seats' stages and their history, the gate's settings and the stop webhook's address: one row each change.
import type { Database } from "../db/database";
import type { SeatStage, StageChange } from "../domain/stage";
import { writeAudit } from "./audit";
import { announcesStop, stopWebhookBody } from "../domain/stop-webhook";
import { seatDataTransaction } from "./seat-data-cache";
import { inChunks } from "./chunks";

export type { StageChange };

type StageChangeRow = { id: number; seatId: number; fromStage: string | null; toStage: string; reason: string | null; by: string; via: string; at: Date };
const toChange = (row: StageChangeRow): StageChange => ({
  id: row.id,
  seatId: row.seatId,
  from: row.fromStage as SeatStage | null,
  to: row.toStage as SeatStage,
  reason: row.reason,
  by: row.by,
  via: row.via,
  at: row.at,
});

export interface GateSettings {
  weeks: number;
  percent: number;
}

export class StageRepository {
  constructor(private readonly db: Database) {}

  /** Moves a seat from `from` to `to`; undefined when its stage changed meanwhile (someone else was first). */
  async change(input: Omit<StageChange, "id">): Promise<StageChange | undefined> {
    return seatDataTransaction(this.db, async (tx) => {
      const updated = await tx.seat.updateMany({ where: { id: input.seatId, stage: input.from }, data: { stage: input.to, stageSince: input.at } });
      if (updated.count === 0) return undefined;
      // The stop webhook's delivery is stored with the change itself, so a crash cannot lose it.
      const seat = await tx.seat.findUniqueOrThrow({ where: { id: input.seatId }, select: { name: true, webhookUrl: true } });
      if (seat.webhookUrl && announcesStop(input.from, input.to)) {
        const body = stopWebhookBody({ seat: seat.name, stage: input.to, previousStage: input.from, reason: input.reason, by: input.by, at: input.at });
        await tx.webhookDelivery.create({
          data: { seatId: input.seatId, url: seat.webhookUrl, body, state: "pending", nextAttemptAt: input.at, createdAt: input.at },
        });
      }
      const row = await tx.stageChange.create({
        data: { seatId: input.seatId, fromStage: input.from, toStage: input.to, reason: input.reason, by: input.by, via: input.via, at: input.at },
      });
      await writeAudit(tx, {
        actor: input.by,
        action: "seat.stage",
        entity: "seat",
        entityId: input.seatId,
        before: { stage: input.from },
        after: { stage: input.to, reason: input.reason, via: input.via },
        at: input.at,
      });
      return toChange(row);
    });
  }

  async history(seatId: number): Promise<StageChange[]> {
    return (await this.db.stageChange.findMany({ where: { seatId }, orderBy: { id: "asc" } })).map(toChange);
  }

  /** The change that put the seat in its current stage (the gate issue opens once per such change). */
  async latest(seatId: number): Promise<StageChange | undefined> {
    const row = await this.db.stageChange.findFirst({ where: { seatId }, orderBy: { id: "desc" } });
    return row ? toChange(row) : undefined;
  }

  /** `latest` for many seats in one query: the digest and the tick judge every AI seat at once. */
  async latestFor(seatIds: number[]): Promise<Map<number, StageChange>> {
    const latest = new Map<number, StageChange>();
    if (seatIds.length === 0) return latest;
    const rows = await inChunks(seatIds, (chunk) => this.db.stageChange.findMany({ where: { seatId: { in: chunk } } }));
    rows.sort((a, b) => b.id - a.id);
    for (const row of rows) if (!latest.has(row.seatId)) latest.set(row.seatId, toChange(row));
    return latest;
  }

  async gateSettingsFor(seatIds: number[]): Promise<Map<number, GateSettings>> {
    if (seatIds.length === 0) return new Map();
    const rows = await inChunks(seatIds, (chunk) =>
      this.db.seat.findMany({ where: { id: { in: chunk } }, select: { id: true, gateWeeks: true, gatePercent: true } }),
    );
    return new Map(rows.map((row) => [row.id, { weeks: row.gateWeeks, percent: row.gatePercent }]));
  }

  async gateSettings(seatId: number): Promise<GateSettings> {
    const row = await this.db.seat.findUniqueOrThrow({ where: { id: seatId }, select: { gateWeeks: true, gatePercent: true } });
    return { weeks: row.gateWeeks, percent: row.gatePercent };
  }

  async setGate(seatId: number, gate: GateSettings, actor: string, at: Date): Promise<void> {
    await seatDataTransaction(this.db, async (tx) => {
      const before = await tx.seat.findUniqueOrThrow({ where: { id: seatId }, select: { gateWeeks: true, gatePercent: true } });
      await tx.seat.update({ where: { id: seatId }, data: { gateWeeks: gate.weeks, gatePercent: gate.percent } });
      await writeAudit(tx, {
        actor,
        action: "seat.gate",
        entity: "seat",
        entityId: seatId,
        before: { weeks: before.gateWeeks, percent: before.gatePercent },
        after: gate,
        at,
      });
    });
  }
}
