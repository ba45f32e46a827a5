// Posted digests and the meeting ratings collected from them.
import type { Database } from "../db/database";
import { transaction } from "./transaction";
import { writeAudit } from "./audit";

export interface DigestRecord {
  week: string;
  channelId: string | null;
  messageTs: string | null;
  postedAt: Date | null;
}

export class DigestRepository {
  constructor(private readonly db: Database) {}

  async find(week: string): Promise<DigestRecord | undefined> {
    return (await this.db.digest.findUnique({ where: { week } })) ?? undefined;
  }

  /** The most recent digest posted before `week`. */
  async previous(week: string): Promise<DigestRecord | undefined> {
    return (await this.db.digest.findFirst({ where: { week: { lt: week }, postedAt: { not: null } }, orderBy: { week: "desc" } })) ?? undefined;
  }

  /** Records where the digest is; the first posting time stays, as next week's "since the last digest". */
  async markPosted(week: string, channelId: string, messageTs: string, at: Date): Promise<void> {
    await this.db.digest.upsert({ where: { week }, create: { week, channelId, messageTs, postedAt: at }, update: { channelId, messageTs } });
  }

  /** A digest that shows this issue (among its last few), to refresh after the issue changes. */
  async recent(limit: number): Promise<DigestRecord[]> {
    return this.db.digest.findMany({ where: { postedAt: { not: null } }, orderBy: { week: "desc" }, take: limit });
  }

  /** One vote per person per week: a second vote replaces the first. */
  async rate(week: string, userId: string, score: number, at: Date): Promise<{ previous: number | null }> {
    return transaction(this.db, async (tx) => {
      const before = await tx.meetingRating.findUnique({ where: { week_userId: { week, userId } } });
      await tx.meetingRating.upsert({ where: { week_userId: { week, userId } }, create: { week, userId, score, votedAt: at }, update: { score, votedAt: at } });
      await writeAudit(tx, {
        actor: userId,
        action: "rating.vote",
        entity: "rating",
        entityId: week,
        before: before ? { score: before.score } : undefined,
        after: { score },
        at,
      });
      return { previous: before?.score ?? null };
    });
  }

  async ratingOf(week: string): Promise<{ average: number; count: number } | null> {
    const result = await this.db.meetingRating.aggregate({ where: { week }, _avg: { score: true }, _count: { score: true } });
    return result._count.score > 0 ? { average: result._avg.score ?? 0, count: result._count.score } : null;
  }
}
