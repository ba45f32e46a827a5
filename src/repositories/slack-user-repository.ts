// What Cadence caches of Slack users: time zone and admin flags.
import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
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

// Six bound values a user: well within SQLite's and PostgreSQL's caps on one statement's parameters.
const USERS_PER_STATEMENT = 100;

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

  /**
   * A users.list page in one transaction, a hundred users to a statement. A Prisma upsert per user held the event
   * loop that acks Slack for 160 ms for 125 users (statements inside a transaction follow each other without a
   * break, and each upsert was compiled anew); one plain `INSERT … ON CONFLICT` (SQLite and PostgreSQL alike) costs
   * a few milliseconds.
   */
  async saveMany(users: CachedSlackUser[]): Promise<void> {
    // One statement may not touch a row twice (PostgreSQL refuses it): a user listed twice keeps the last entry.
    const latest = [...new Map(users.map((user) => [user.id, user])).values()];
    if (latest.length === 0) return;
    await transaction(this.db, async (tx) => {
      for (let start = 0; start < latest.length; start += USERS_PER_STATEMENT) {
        const tuples = latest
          .slice(start, start + USERS_PER_STATEMENT)
          .map((user) => Prisma.sql`(${user.id}, ${user.tz}, ${user.isAdmin}, ${user.isOwner}, ${user.teamId}, ${user.fetchedAt})`);
        await tx.$executeRaw`INSERT INTO "SlackUser" ("id", "tz", "isAdmin", "isOwner", "teamId", "fetchedAt") VALUES ${Prisma.join(tuples)}
          ON CONFLICT ("id") DO UPDATE SET "tz" = excluded."tz", "isAdmin" = excluded."isAdmin", "isOwner" = excluded."isOwner",
          "teamId" = excluded."teamId", "fetchedAt" = excluded."fetchedAt"`;
      }
    });
  }
}
