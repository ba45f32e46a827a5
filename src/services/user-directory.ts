// Who a Slack user is, as far as Cadence needs: real and active, their time zone, whether they are an admin.
import type { CachedSlackUser, SlackUserRepository } from "../repositories/slack-user-repository";
import type { SlackApi } from "../slack/slack-api";

const TZ_MAX_AGE_MS = 24 * 3600 * 1000;
// Admin rights are re-read more often than time zones: a revoked admin should lose set-up rights soon.
const ADMIN_MAX_AGE_MS = 3600 * 1000;

export type UserCheck = { ok: true; tz: string | null } | { ok: false; reason: string };

export class UserDirectory {
  constructor(
    private readonly deps: { slack: SlackApi; users: SlackUserRepository; admins: string[]; teamTz: string },
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

  /** Each owner's IANA time zone, refreshed at most daily; the team's when Slack has none. */
  async timeZones(userIds: string[], now: Date): Promise<Map<string, string>> {
    const cached = new Map((await this.deps.users.findMany(userIds)).map((user) => [user.id, user]));
    const zones = new Map<string, string>();
    await Promise.all(
      userIds.map(async (userId) => {
        let user = cached.get(userId);
        if (!user || now.getTime() - user.fetchedAt.getTime() >= TZ_MAX_AGE_MS) {
          user = (await this.lookup(userId, now, TZ_MAX_AGE_MS).catch(() => undefined)) ?? user;
        }
        zones.set(userId, user?.tz || this.deps.teamTz);
      }),
    );
    return zones;
  }
}
