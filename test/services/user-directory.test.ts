// Where owners' time zones come from: users.list pages for many (Tier 2, 200 a page), users.info for a few.
import { describe, expect, it } from "vitest";
import type { CachedSlackUser, SlackUserRepository } from "../../src/repositories/slack-user-repository";
import { UserDirectory } from "../../src/services/user-directory";
import { SlackRateLimited, type SlackApi, type SlackUserInfo, type UserPage } from "../../src/services/ports/slack-api";

const NOW = new Date("2026-11-23T10:00:00Z");

function person(id: string, tz: string): SlackUserInfo {
  return { id, tz, isAdmin: false, isOwner: false, isBot: false, deleted: false, teamId: "T1" };
}

/** A workspace of `members`, paged 200 at a time; `rateLimitedPages` answers 429 once before those pages. */
function fakeSlack(members: SlackUserInfo[], rateLimitedPages: number[] = []) {
  const calls: string[] = [];
  const pending = new Set(rateLimitedPages);
  const slack = {
    async listUsers(cursor: string | undefined): Promise<UserPage> {
      const start = Number(cursor ?? 0);
      calls.push(`users.list ${start}`);
      if (pending.delete(start)) throw new SlackRateLimited(0);
      const end = start + 200;
      return { users: members.slice(start, end), nextCursor: end < members.length ? String(end) : undefined };
    },
    async userInfo(userId: string) {
      calls.push(`users.info ${userId}`);
      return members.find((member) => member.id === userId);
    },
  };
  return { slack: slack as unknown as SlackApi, calls };
}

function memoryUsers(initial: CachedSlackUser[] = []): SlackUserRepository {
  const rows = new Map(initial.map((user) => [user.id, user]));
  return {
    async find(id: string) {
      return rows.get(id);
    },
    async findMany(ids: string[]) {
      return ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : []));
    },
    async save(user: CachedSlackUser) {
      rows.set(user.id, user);
    },
    async saveMany(users: CachedSlackUser[]) {
      for (const user of users) rows.set(user.id, user);
    },
  } as SlackUserRepository;
}

const team = Array.from({ length: 1000 }, (_, index) => person(`U${index}`, index % 2 ? "America/New_York" : "Asia/Tokyo"));

describe("UserDirectory.timeZoneBatches", () => {
  it("learns 1,000 owners' zones from five users.list pages, not a users.info each, a page at a time", async () => {
    const { slack, calls } = fakeSlack([person("UADMIN", "UTC"), ...team]);
    const users = memoryUsers();
    const directory = new UserDirectory({ slack, users, admins: [], teamTz: "Europe/London" });
    const batches: Map<string, string>[] = [];
    for await (const batch of directory.timeZoneBatches(
      team.map((user) => user.id),
      NOW,
    ))
      batches.push(batch);
    expect(calls).toEqual(["users.list 0", "users.list 200", "users.list 400", "users.list 600", "users.list 800", "users.list 1000"]);
    expect(batches.map((batch) => batch.size)).toEqual([199, 200, 200, 200, 200, 1]);
    const zones = new Map(batches.flatMap((batch) => [...batch]));
    expect(zones.get("U1")).toBe("America/New_York");
    expect((await users.find("U1"))?.tz).toBe("America/New_York");
    expect(zones.get("U998")).toBe("Asia/Tokyo");
  });

  it("waits out a 429 and asks for the same page again", async () => {
    const { slack, calls } = fakeSlack(team, [200]);
    const directory = new UserDirectory({ slack, users: memoryUsers(), admins: [], teamTz: "UTC" });
    const zones = await directory.timeZones(
      team.map((user) => user.id),
      NOW,
    );
    expect(zones.size).toBe(1000);
    expect(calls.filter((call) => call === "users.list 200")).toHaveLength(2);
  });

  it("uses cached zones without asking Slack, and users.info for a handful of unknown users", async () => {
    const cached = team.slice(0, 995).map((user) => ({ id: user.id, tz: "Europe/Paris", isAdmin: false, isOwner: false, teamId: "T1", fetchedAt: NOW }));
    const { slack, calls } = fakeSlack(team);
    const directory = new UserDirectory({ slack, users: memoryUsers(cached), admins: [], teamTz: "UTC" });
    const zones = await directory.timeZones(
      team.map((user) => user.id),
      NOW,
    );
    expect(calls.sort()).toEqual(["users.info U995", "users.info U996", "users.info U997", "users.info U998", "users.info U999"]);
    expect(zones.get("U0")).toBe("Europe/Paris");
    expect(zones.get("U999")).toBe("America/New_York");
  });

  it("gives users missing from the workspace list the team's zone", async () => {
    const { slack } = fakeSlack(team.slice(0, 500));
    const directory = new UserDirectory({ slack, users: memoryUsers(), admins: [], teamTz: "Europe/London" });
    const zones = await directory.timeZones(
      team.map((user) => user.id),
      NOW,
    );
    expect(zones.get("U999")).toBe("Europe/London");
    expect(zones.get("U1")).toBe("America/New_York");
  });
});
