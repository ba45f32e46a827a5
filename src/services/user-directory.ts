// Who a Slack user is, as far as Cadence needs: real and active, their time zone, whether they are an admin.
import pLimit from "p-limit";
import type { CachedSlackUser, SlackUserRepository } from "../repositories/slack-user-repository";
import { SlackRateLimited, type SlackApi, type SlackUserInfo, type UserPage } from "./ports/slack-api";

const TZ_MAX_AGE_MS = 24 * 3600 * 1000;
const LOOKUP_CONCURRENCY = 8;
const STALE_REFRESHES_PER_CALL = 50;
// Up to this many users to look up, one users.info each (Tier 4, 100 a minute) is quickest; beyond it, paging
// the workspace with users.list (Tier 2, 20 a minute but 200 users a page) is: 1,000 owners take 5 pages,
// not 10 minutes of users.info (https://docs.slack.dev/apis/web-api/rate-limits).
const USERS_INFO_AT_MOST = 10;
// How many 429s in a row paging waits out before giving up on the rest (they fall back to the team's zone).
const MAX_RATE_LIMITED_WAITS = 20;
// Admin rights are re-read more often than time zones: a revoked admin should lose set-up rights soon.
const ADMIN_MAX_AGE_MS = 3600 * 1000;

export type UserCheck = { ok: true; tz: string | null } | { ok: false; reason: string };

export class UserDirectory {
  constructor(
    private readonly deps: { slack: SlackApi; users: Pick<SlackUserRepository, "find" | "findMany" | "save" | "saveMany">; admins: string[]; teamTz: string },
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

  /** The same from the cache alone, whatever its age (a modal must open first); undefined when not cached. */
  async isAdminFromCache(userId: string): Promise<boolean | undefined> {
    if (this.deps.admins.length > 0) return this.deps.admins.includes(userId);
    const cached = await this.deps.users.find(userId);
    return cached ? cached.isAdmin || cached.isOwner : undefined;
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

  /** Each user's IANA time zone; the team's when Slack has none. All at once: see timeZoneBatches. */
  async timeZones(userIds: string[], now: Date): Promise<Map<string, string>> {
    const zones = new Map<string, string>();
    for await (const batch of this.timeZoneBatches(userIds, now)) for (const [userId, tz] of batch) zones.set(userId, tz);
    return zones;
  }

  /**
   * The same zones, handed out as they become known, so a caller can act on one users.list page while the
   * next is fetched: first every user with a fresh cached zone, then each page's users. A few users are
   * looked up with users.info instead (see `USERS_INFO_AT_MOST`).
   */
  async *timeZoneBatches(userIds: string[], now: Date): AsyncGenerator<Map<string, string>> {
    const cached = new Map((await this.deps.users.findMany(userIds)).map((user) => [user.id, user]));
    const isStale = (userId: string) => now.getTime() - cached.get(userId)!.fetchedAt.getTime() >= TZ_MAX_AGE_MS;
    const wanted = new Set(userIds.filter((userId) => !cached.has(userId) || isStale(userId)));
    if (wanted.size <= USERS_INFO_AT_MOST) return yield await this.timeZonesOneByOne(userIds, now);
    const zoneOf = (userId: string) => cached.get(userId)?.tz || this.deps.teamTz;
    const ready = userIds.filter((userId) => !wanted.has(userId));
    if (ready.length > 0) yield new Map(ready.map((userId) => [userId, zoneOf(userId)]));
    try {
      for await (const page of this.userPages()) {
        const found = page.filter((user) => wanted.has(user.id));
        const fresh = found
          .filter((user) => !user.isBot && !user.deleted)
          .map((user) => ({ id: user.id, tz: user.tz, isAdmin: user.isAdmin, isOwner: user.isOwner, teamId: user.teamId, fetchedAt: now }));
        for (const user of found) wanted.delete(user.id);
        for (const user of fresh) cached.set(user.id, user);
        if (found.length > 0) yield new Map(found.map((user) => [user.id, zoneOf(user.id)]));
        // Saved after the page is handed on, so its DMs need not wait for the cache.
        await this.deps.users.saveMany(fresh);
        if (wanted.size === 0) return;
      }
    } catch {
      // Slack failed mid-way: the rest keep their cached zone, or the team's, and are refreshed next time.
    }
    if (wanted.size > 0) yield new Map([...wanted].map((userId) => [userId, zoneOf(userId)]));
  }

  /**
   * Every page of users.list. The next page is asked for as soon as a page arrives, before the caller works on
   * it, so the Tier 2 wait runs alongside that work rather than after it.
   */
  private async *userPages(): AsyncGenerator<SlackUserInfo[]> {
    let next: Promise<UserPage> | undefined = this.userPage(undefined);
    while (next) {
      const page: UserPage = await next;
      next = page.nextCursor ? this.userPage(page.nextCursor) : undefined;
      next?.catch(() => undefined); // the caller may stop early; its failure is seen when (if) it is awaited
      yield page.users;
    }
  }

  /** One page, waiting out each 429's Retry-After. */
  private async userPage(cursor: string | undefined): Promise<UserPage> {
    for (let waits = 0; ; waits++) {
      try {
        return await this.deps.slack.listUsers(cursor);
      } catch (error) {
        if (!(error instanceof SlackRateLimited) || waits >= MAX_RATE_LIMITED_WAITS) throw error;
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterSeconds * 1000));
      }
    }
  }

  /**
   * users.info for the unknown, and for a few whose cached zone is older than a day (still used meanwhile),
   * so a big team never sends a burst of users.info calls in one tick.
   */
  private async timeZonesOneByOne(userIds: string[], now: Date): Promise<Map<string, string>> {
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
