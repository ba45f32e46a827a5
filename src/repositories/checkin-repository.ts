// The per-owner weekly check-in records.
import type { Database } from "../db/database";
import type { CheckIn } from "../domain/model";

export class CheckinRepository {
  constructor(private readonly db: Database) {}

  async forWeek(week: string): Promise<CheckIn[]> {
    return this.db.checkIn.findMany({ where: { week } });
  }

  async find(ownerId: string, week: string): Promise<CheckIn | undefined> {
    return (await this.db.checkIn.findUnique({ where: { ownerId_week: { ownerId, week } } })) ?? undefined;
  }

  /** The owner's most recent check-in that reached them: what a DM reply answers. */
  async latestSent(ownerId: string): Promise<CheckIn | undefined> {
    return (await this.db.checkIn.findFirst({ where: { ownerId, sentAt: { not: null } }, orderBy: { week: "desc" } })) ?? undefined;
  }

  async markSent(ownerId: string, week: string, channelId: string, messageTs: string, at: Date): Promise<void> {
    await this.db.checkIn.upsert({
      where: { ownerId_week: { ownerId, week } },
      create: { ownerId, week, channelId, messageTs, sentAt: at },
      update: { channelId, messageTs, sentAt: at },
    });
  }

  async markReminded(ownerId: string, week: string, at: Date): Promise<void> {
    await this.db.checkIn.updateMany({ where: { ownerId, week, remindedAt: null }, data: { remindedAt: at } });
  }

  async markAnswered(ownerId: string, week: string, at: Date): Promise<void> {
    await this.db.checkIn.updateMany({ where: { ownerId, week, answeredAt: null }, data: { answeredAt: at } });
  }
}
