// Seats and their KPIs.
import type { Database } from "../db/database";
import { inChunks } from "./chunks";
import { seatDataTransaction } from "./seat-data-cache";
import type { Goal } from "../domain/goal";
import type { Kpi, Seat, SeatKind, SeatWithKpis } from "../domain/model";
import type { Unit } from "../domain/units";
import { writeAudit } from "./audit";
import { ACTIVE_STAGES } from "../domain/stage";
import { readSeatList } from "./seat-list-sql";
import { toKpi, toSeat } from "./seat-rows";

/** Seats that are asked for numbers: human seats, and AI seats neither paused nor retired. */
const WORKING = { OR: [{ stage: null }, { stage: { in: [...ACTIVE_STAGES] } }] };

export const nameKey = (name: string): string => name.trim().toLowerCase();

export interface NewSeat {
  name: string;
  kind: SeatKind;
  accountability: string | null;
  ownerId: string;
}

export interface NewKpi {
  seatId: number;
  name: string;
  unit: Unit;
  goal: Goal;
}

export class SeatRepository {
  constructor(private readonly db: Database) {}

  async findSeatByName(name: string): Promise<Seat | undefined> {
    const row = await this.db.seat.findUnique({ where: { nameKey: nameKey(name) } });
    return row ? toSeat(row) : undefined;
  }

  async findSeat(id: number): Promise<Seat | undefined> {
    const row = await this.db.seat.findUnique({ where: { id } });
    return row ? toSeat(row) : undefined;
  }

  async listSeats(options: { includeArchived?: boolean } = {}): Promise<SeatWithKpis[]> {
    return readSeatList(this.db, { includeArchived: options.includeArchived ?? false });
  }

  /** Active seats owned by `ownerId`, with their active KPIs. */
  async seatsOwnedBy(ownerId: string): Promise<SeatWithKpis[]> {
    return this.seatsOwnedByAny([ownerId]);
  }

  /** Active seats owned by any of `ownerIds` (a fan-out batch reads only its own owners' seats). */
  async seatsOwnedByAny(ownerIds: string[], options: { working?: boolean } = {}): Promise<SeatWithKpis[]> {
    const rows = await inChunks(ownerIds, (chunk) =>
      this.db.seat.findMany({
        where: { ownerId: { in: chunk }, archivedAt: null, ...(options.working ? WORKING : {}) },
        include: { kpis: { where: { archivedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] } },
        orderBy: { id: "asc" },
      }),
    );
    return rows.map((row) => ({ ...toSeat(row), kpis: row.kpis.map(toKpi) }));
  }

  async createSeat(seat: NewSeat, actor: string, at: Date): Promise<Seat> {
    return seatDataTransaction(this.db, async (tx) => {
      const fields = { name: seat.name, kind: seat.kind, accountability: seat.accountability, ownerId: seat.ownerId };
      // New AI seats start in pilot, and that start is the first line of their stage history.
      const stage = seat.kind === "agent" ? { stage: "pilot", stageSince: at } : {};
      const row = await tx.seat.create({ data: { ...fields, ...stage, nameKey: nameKey(seat.name), createdBy: actor, createdAt: at } });
      await writeAudit(tx, { actor, action: "seat.add", entity: "seat", entityId: row.id, after: { ...fields, ...stage }, at });
      if (seat.kind === "agent")
        await tx.stageChange.create({ data: { seatId: row.id, fromStage: null, toStage: "pilot", reason: "new AI seat", by: actor, via: "command", at } });
      return toSeat(row);
    });
  }

  /**
   * Hands a seat to a new owner, with the open issues of its KPIs and its gate issues (their owner is whoever
   * answers for the seat): returns the ids of the issues handed over, whose posts then show the new owner.
   */
  async setOwner(seatId: number, ownerId: string, actor: string, at: Date): Promise<{ seat: Seat; reownedIssueIds: number[] }> {
    return seatDataTransaction(this.db, async (tx) => {
      const before = await tx.seat.findUniqueOrThrow({ where: { id: seatId } });
      const row = await tx.seat.update({ where: { id: seatId }, data: { ownerId } });
      await writeAudit(tx, { actor, action: "seat.owner", entity: "seat", entityId: seatId, before: { ownerId: before.ownerId }, after: { ownerId }, at });
      const kpiIds = (await tx.kpi.findMany({ where: { seatId }, select: { id: true } })).map((kpi) => kpi.id);
      // Gate issues belong to the seat, not to a KPI: they are found through the seat's gate rows.
      const gateIssueIds = (await tx.gateIssue.findMany({ where: { seatId }, select: { issueId: true } })).map((gate) => gate.issueId);
      const issues = await tx.issue.findMany({
        where: { state: "open", OR: [{ kpiId: { in: kpiIds } }, { id: { in: gateIssueIds } }], ownerId: { not: ownerId } },
        select: { id: true, ownerId: true },
        orderBy: { id: "asc" },
      });
      for (const issue of issues) {
        await tx.issue.update({ where: { id: issue.id }, data: { ownerId } });
        await writeAudit(tx, {
          actor,
          action: "issue.owner",
          entity: "issue",
          entityId: issue.id,
          before: { ownerId: issue.ownerId },
          after: { ownerId, seatId },
          at,
        });
      }
      return { seat: toSeat(row), reownedIssueIds: issues.map((issue) => issue.id) };
    });
  }

  async archiveSeat(seatId: number, actor: string, at: Date): Promise<Seat> {
    return seatDataTransaction(this.db, async (tx) => {
      const row = await tx.seat.update({ where: { id: seatId }, data: { archivedAt: at } });
      await writeAudit(tx, { actor, action: "seat.archive", entity: "seat", entityId: seatId, before: { archivedAt: null }, after: { archivedAt: at }, at });
      return toSeat(row);
    });
  }

  async findKpiInSeat(seatId: number, name: string): Promise<Kpi | undefined> {
    const row = await this.db.kpi.findUnique({ where: { seatId_nameKey: { seatId, nameKey: nameKey(name) } } });
    return row ? toKpi(row) : undefined;
  }

  /** Active KPIs of active seats with this name (a name is unique only within its seat). */
  async findActiveKpisByName(name: string): Promise<{ kpi: Kpi; seat: Seat }[]> {
    const rows = await this.db.kpi.findMany({
      where: { nameKey: nameKey(name), archivedAt: null, seat: { archivedAt: null } },
      include: { seat: true },
    });
    return rows.map((row) => ({ kpi: toKpi(row), seat: toSeat(row.seat) }));
  }

  async findKpi(id: number): Promise<{ kpi: Kpi; seat: Seat } | undefined> {
    const row = await this.db.kpi.findUnique({ where: { id }, include: { seat: true } });
    return row ? { kpi: toKpi(row), seat: toSeat(row.seat) } : undefined;
  }

  async createKpi(kpi: NewKpi, actor: string, at: Date): Promise<Kpi> {
    return seatDataTransaction(this.db, async (tx) => {
      const position = await tx.kpi.count({ where: { seatId: kpi.seatId } });
      const row = await tx.kpi.create({
        data: {
          seatId: kpi.seatId,
          name: kpi.name,
          nameKey: nameKey(kpi.name),
          unit: kpi.unit,
          goalOp: kpi.goal.op,
          goalA: kpi.goal.a,
          goalB: kpi.goal.b ?? null,
          position,
          createdBy: actor,
          createdAt: at,
        },
      });
      await writeAudit(tx, {
        actor,
        action: "kpi.add",
        entity: "kpi",
        entityId: row.id,
        after: { seatId: kpi.seatId, name: kpi.name, unit: kpi.unit, goal: kpi.goal },
        at,
      });
      return toKpi(row);
    });
  }

  /** Every owner of an active seat that has at least one active KPI. */
  async activeOwners(): Promise<string[]> {
    const rows = await this.db.seat.findMany({
      where: { archivedAt: null, kpis: { some: { archivedAt: null } }, ...WORKING },
      select: { ownerId: true },
      distinct: ["ownerId"],
    });
    return rows.map((row) => row.ownerId);
  }
}
