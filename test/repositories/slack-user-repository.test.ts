// saveMany writes a users.list page as plain SQL (INSERT … ON CONFLICT): new users are added, known ones take every
// field of the page, on SQLite and PostgreSQL alike (npm run test:postgres runs this file there too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { SlackUserRepository, type CachedSlackUser } from "../../src/repositories/slack-user-repository";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
let users: SlackUserRepository;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
  users = new SlackUserRepository(db);
});
afterAll(async () => db.$disconnect());

const fetchedAt = new Date("2026-11-23T10:00:00.250Z");
const user = (index: number, fields: Partial<CachedSlackUser> = {}): CachedSlackUser => ({
  id: `U${String(index).padStart(4, "0")}`,
  tz: "Europe/Berlin",
  isAdmin: false,
  isOwner: false,
  teamId: "T0001",
  fetchedAt,
  ...fields,
});

describe("SlackUserRepository.saveMany", () => {
  it("adds a page of users larger than one statement, each read back as saved", async () => {
    const page = Array.from({ length: 250 }, (_, index) => user(index, { isAdmin: index % 7 === 0, tz: index % 5 === 0 ? null : "Asia/Tokyo" }));

    await users.saveMany(page);

    const stored = await users.findMany(page.map((one) => one.id));
    expect(stored.sort((a, b) => a.id.localeCompare(b.id))).toEqual(page);
  });

  it("replaces every field of a known user, and keeps the last of a user listed twice", async () => {
    await users.saveMany([user(900, { isAdmin: true, isOwner: true, tz: "UTC" })]);
    const later = new Date("2026-11-30T08:00:00.000Z");

    await users.saveMany([
      user(900, { isAdmin: false, tz: "America/Chicago", fetchedAt: later }),
      user(901),
      user(900, { isAdmin: false, isOwner: false, tz: null, teamId: null, fetchedAt: later }),
    ]);

    expect(await users.find("U0900")).toEqual(user(900, { isAdmin: false, isOwner: false, tz: null, teamId: null, fetchedAt: later }));
    expect(await users.find("U0901")).toEqual(user(901));
  });

  it("writes nothing for an empty page", async () => {
    const before = await db.slackUser.count();
    await users.saveMany([]);
    expect(await db.slackUser.count()).toBe(before);
  });
});
