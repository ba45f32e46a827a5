// Who a Slack user is, as far as Cadence needs: real and active, their time zone, whether they are an admin.
import pLimit from "p-limit";
import type { CachedSlackUser, SlackUserRepository } from "../repositories/slack-user-repository";
import type { SlackApi } from "./ports/slack-api";

const TZ_MAX_AGE_MS = 24 * 3600 * 1000;
const LOOKUP_CONCURRENCY = 8;
const STALE_REFRESHES_PER_CALL = 50;
// Admin rights are re-read more often than time zones: a revoked admin should lose set-up rights soon.
const ADMIN_MAX_AGE_MS = 3600 * 1000;

export type UserCheck = { ok: true; tz: string | null } | { ok: false; reason: string };

export class UserDirectory {
  constructor(
    private readonly deps: { slack: SlackApi; users: Pick<SlackUserRepository, "find" | "findMany" | "save">; admins: string[]; teamTz: string },
  ) {}

  /** Refreshes a user from Slack when the cache is older than `maxAgeMs`. Undefined when Slack has no such user. */
  private async lookup(userId: string, now: Date, maxAgeMs: number): Promise<CachedSlackUser | undefined> {
    const cached = await this.deps.users.find(userId);
    if (cached && now.getTime() - cached.fetchedAt.getTime() < maxAgeMs) return cached;
    const info = await this.deps.slack.userInfo(userId);
    if (!info || info.isBot || info.deleted) return undefined;
    const fresh = { id: userId, tz: info.tz, isAdmin: info.isAdmin, isOwner: info.isOwner, teamId: info.teamId, fetchedAt: now };
    await this.deps.users.save(fresh);
    return fresh;
  }

  /** `CADENCE_ADMINS` when set, else the workspace's admins and owners. */
  async isAdmin(userId: string, now: Date): Promise<boolean> {
    if (this.deps.admins.length > 0) return this.deps.admins.includes(userId);
    const user = await this.lookup(userId, now, ADMIN_MAX_AGE_MS).catch(() => undefined);
    return Boolean(user && (user.isAdmin || user.isOwner));
  }

  /** A mentioned user must be a real, active person to own a seat or an issue. */
  async checkPerson(userId: string, now: Date): Promise<UserCheck> {
    const info = await this.deps.slack.userInfo(userId);
    if (!info) return { ok: false, reason: `<@${userId}> is not a user in this workspace` };
    if (info.isBot) return { ok: false, reason: `<@${userId}> is a bot; a seat's owner must be a person accountable for it` };
    if (info.deleted) return { ok: false, reason: `<@${userId}> is deactivated` };
    await this.deps.users.save({ id: userId, tz: info.tz, isAdmin: info.isAdmin, isOwner: info.isOwner, teamId: info.teamId, fetchedAt: now });
    return { ok: true, tz: info.tz };
  }

  /** The zones of these users as far as Cadence knows them already (no Slack call), with the team's zone. */
  async knownTimeZones(userIds: string[]): Promise<Set<string>> {
    const cached = await this.deps.users.findMany(userIds);
    return new Set([this.deps.teamTz, ...cached.map((user) => user.tz || this.deps.teamTz)]);
  }

  /**
   * Each owner's IANA time zone; the team's when Slack has none. Unknown owners are looked up now. Cached zones
   * older than a day are still used, and refreshed a few per call, so a big team never sends a burst of
   * users.info calls (Slack rate-limits them) in one tick.
   */
  async timeZones(userIds: string[], now: Date): Promise<Map<string, string>> {
    const cached = new Map((await this.deps.users.findMany(userIds)).map((user) => [user.id, user]));
    const unknown = userIds.filter((userId) => !cached.has(userId));
    const stale = userIds.filter((userId) => cached.has(userId) && now.getTime() - cached.get(userId)!.fetchedAt.getTime() >= TZ_MAX_AGE_MS);
    const limit = pLimit(LOOKUP_CONCURRENCY);
    await Promise.all(
      [...unknown, ...stale.slice(0, STALE_REFRESHES_PER_CALL)].map((userId) =>
        limit(async () => {
          const fresh = await this.lookup(userId, now, TZ_MAX_AGE_MS).catch(() => undefined);
          if (fresh) cached.set(userId, fresh);
        }),
      ),
    );
    return new Map(userIds.map((userId) => [userId, cached.get(userId)?.tz || this.deps.teamTz]));
  }
}
