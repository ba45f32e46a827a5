// What Cadence caches of Slack users: time zone and admin flags.
import type { Database } from "../db/database";
import { inChunks } from "./chunks";
import { transaction } from "./transaction";

export interface CachedSlackUser {
  id: string;
  tz: string | null;
  isAdmin: boolean;
  isOwner: boolean;
  teamId: string | null;
  fetchedAt: Date;
}

export class SlackUserRepository {
  constructor(private readonly db: Database) {}

  async find(id: string): Promise<CachedSlackUser | undefined> {
    return (await this.db.slackUser.findUnique({ where: { id } })) ?? undefined;
  }

  async findMany(ids: string[]): Promise<CachedSlackUser[]> {
    return inChunks(ids, (chunk) => this.db.slackUser.findMany({ where: { id: { in: chunk } } }));
  }

  /** The workspace most known users belong to: the one Cadence has served (a few may come from shared channels). */
  async mostCommonTeam(): Promise<string | undefined> {
    const [top] = await this.db.slackUser.groupBy({
      by: ["teamId"],
      where: { teamId: { not: null } },
      _count: { teamId: true },
      orderBy: { _count: { teamId: "desc" } },
      take: 1,
    });
    return top?.teamId ?? undefined;
  }

  async save(user: CachedSlackUser): Promise<void> {
    await this.db.slackUser.upsert({ where: { id: user.id }, create: user, update: user });
  }

  /** A users.list page in one transaction: one commit, not one per user. */
  async saveMany(users: CachedSlackUser[]): Promise<void> {
    if (users.length === 0) return;
    await transaction(this.db, async (tx) => {
      for (const user of users) await tx.slackUser.upsert({ where: { id: user.id }, create: user, update: user });
    });
  }
}
