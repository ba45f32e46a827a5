// The per-owner weekly check-in records.
import type { Database } from "../db/database";
import type { CheckIn } from "../domain/model";
import { inChunks } from "./chunks";

export class CheckinRepository {
  constructor(private readonly db: Database) {}

  async forWeek(week: string): Promise<CheckIn[]> {
    return this.db.checkIn.findMany({ where: { week } });
  }

  async find(ownerId: string, week: string): Promise<CheckIn | undefined> {
    return (await this.db.checkIn.findUnique({ where: { ownerId_week: { ownerId, week } } })) ?? undefined;
  }

  /** Several owners' check-ins for one week (a refresh round reads them together). */
  async findForOwners(ownerIds: string[], week: string): Promise<CheckIn[]> {
    return inChunks(ownerIds, (chunk) => this.db.checkIn.findMany({ where: { ownerId: { in: chunk }, week }, orderBy: { id: "asc" } }));
  }

  /** The owner's most recent check-in that reached them: what a DM reply answers. */
  async latestSent(ownerId: string): Promise<CheckIn | undefined> {
    return (await this.db.checkIn.findFirst({ where: { ownerId, sentAt: { not: null } }, orderBy: { week: "desc" } })) ?? undefined;
  }

  /** Records the sent DM and the KPIs it listed. */
  async markSent(ownerId: string, week: string, channelId: string, messageTs: string, at: Date, kpiIds: number[]): Promise<void> {
    const listed = kpiIds.join(",");
    await this.db.checkIn.upsert({
      where: { ownerId_week: { ownerId, week } },
      create: { ownerId, week, channelId, messageTs, sentAt: at, kpiIds: listed },
      update: { channelId, messageTs, sentAt: at, kpiIds: listed },
    });
  }

  /** Adds KPIs a refreshed DM now lists (a KPI added after the DM went out shows up in it). */
  async addListedKpis(ownerId: string, week: string, kpiIds: number[]): Promise<void> {
    const row = await this.db.checkIn.findUnique({ where: { ownerId_week: { ownerId, week } }, select: { kpiIds: true } });
    if (!row) return;
    const before = parseKpiIds(row.kpiIds);
    const listed = new Set([...before, ...kpiIds]);
    if (listed.size === before.length) return;
    await this.db.checkIn.update({ where: { ownerId_week: { ownerId, week } }, data: { kpiIds: [...listed].join(",") } });
  }

  /** Every KPI some check-in for the week listed. */
  async askedKpis(week: string): Promise<Set<number>> {
    const rows = await this.db.checkIn.findMany({ where: { week, sentAt: { not: null } }, select: { kpiIds: true } });
    return new Set(rows.flatMap((row) => parseKpiIds(row.kpiIds)));
  }

  /** The check-in whose DM is the message `messageTs` (a reply in its thread answers that week). */
  async findByMessage(ownerId: string, messageTs: string): Promise<CheckIn | undefined> {
    return (await this.db.checkIn.findFirst({ where: { ownerId, messageTs } })) ?? undefined;
  }

  async markReminded(ownerId: string, week: string, at: Date): Promise<void> {
    await this.db.checkIn.updateMany({ where: { ownerId, week, remindedAt: null }, data: { remindedAt: at } });
  }

  async markAnswered(ownerId: string, week: string, at: Date): Promise<void> {
    await this.db.checkIn.updateMany({ where: { ownerId, week, answeredAt: null }, data: { answeredAt: at } });
  }

  /** The latest check-in DM and reminder sent to anyone, with their weeks, for /cadence status. */
  async lastActivity(): Promise<{ sent?: { week: string; at: Date }; reminded?: { week: string; at: Date } }> {
    const sent = await this.db.checkIn.findFirst({ where: { sentAt: { not: null } }, orderBy: { sentAt: "desc" } });
    const reminded = await this.db.checkIn.findFirst({ where: { remindedAt: { not: null } }, orderBy: { remindedAt: "desc" } });
    return {
      ...(sent?.sentAt ? { sent: { week: sent.week, at: sent.sentAt } } : {}),
      ...(reminded?.remindedAt ? { reminded: { week: reminded.week, at: reminded.remindedAt } } : {}),
    };
  }
}

function parseKpiIds(text: string | null | undefined): number[] {
  return (text ?? "").split(",").filter(Boolean).map(Number);
}
