import { describe, expect, it } from "vitest";
import { checkinTimeFor, checkinWeeksAround, deadlineFor, isCheckinDue, isReminderDue, weeklyJobDue, type LoopSettings } from "../../src/domain/loop-schedule";
import type { WeeklyTime } from "../../src/domain/schedule-spec";

// The defaults: check-in mon 09:00 (owner's clock), remind after 4h, deadline tue 12:00, digest tue 13:00 (team's clock).
const CHECKIN_AT: WeeklyTime = { dayOffset: 0, hour: 9, minute: 0, text: "mon 09:00" };
const DEADLINE_AT: WeeklyTime = { dayOffset: 1, hour: 12, minute: 0, text: "tue 12:00" };
const DIGEST_AT: WeeklyTime = { dayOffset: 1, hour: 13, minute: 0, text: "tue 13:00" };
const FOUR_HOURS = 4 * 3600 * 1000;

const settingsIn = (tz: string): LoopSettings => ({ tz, checkinAt: CHECKIN_AT, remindAfterMs: FOUR_HOURS, deadlineAt: DEADLINE_AT, digestAt: DIGEST_AT });
const utcTeam = settingsIn("UTC");
// November 2026 is after the US DST change (Nov 1): New York is UTC-5. Auckland is on NZDT, UTC+13.
const newYorkTeam = settingsIn("America/New_York");

// 2026-W46 runs Mon Nov 9 – Sun Nov 15 2026; its check-in goes out Mon Nov 16, its deadline is Tue Nov 17.
const W46 = "2026-W46";

describe("deadlineFor", () => {
  it.each([
    { week: W46, settings: utcTeam, at: "2026-11-17T12:00:00.000Z" },
    { week: W46, settings: newYorkTeam, at: "2026-11-17T17:00:00.000Z" },
    { week: "2026-W27", settings: newYorkTeam, at: "2026-07-07T16:00:00.000Z" }, // EDT in summer
    { week: "2026-W53", settings: utcTeam, at: "2027-01-05T12:00:00.000Z" }, // the year's last week
    { week: "2026-W52", settings: utcTeam, at: "2026-12-29T12:00:00.000Z" },
  ])("$week in $settings.tz → $at", ({ week, settings, at }) => {
    expect(deadlineFor(week, settings).toISOString()).toBe(at);
  });
});

describe("checkinTimeFor", () => {
  it.each([
    { ownerTz: "UTC", at: "2026-11-16T09:00:00.000Z" },
    { ownerTz: "America/New_York", at: "2026-11-16T14:00:00.000Z" },
    { ownerTz: "America/Los_Angeles", at: "2026-11-16T17:00:00.000Z" },
    { ownerTz: "Pacific/Auckland", at: "2026-11-15T20:00:00.000Z" }, // still Sunday in UTC
  ])("an owner in $ownerTz is asked at $at, whatever the team's zone", ({ ownerTz, at }) => {
    expect(checkinTimeFor(W46, ownerTz, utcTeam).toISOString()).toBe(at);
    expect(checkinTimeFor(W46, ownerTz, newYorkTeam).toISOString()).toBe(at);
  });
});

describe("checkinWeeksAround", () => {
  it.each([
    { now: "2026-11-16T10:00:00Z", settings: utcTeam, weeks: ["2026-W46", "2026-W47"], why: "Monday morning" },
    { now: "2026-11-18T10:00:00Z", settings: utcTeam, weeks: ["2026-W46", "2026-W47"], why: "midweek" },
    { now: "2026-11-15T20:00:00Z", settings: utcTeam, weeks: ["2026-W45", "2026-W46"], why: "Sunday evening: the week is not over" },
    { now: "2026-11-16T03:00:00Z", settings: newYorkTeam, weeks: ["2026-W45", "2026-W46"], why: "still Sunday in New York" },
    { now: "2026-11-16T05:00:00Z", settings: newYorkTeam, weeks: ["2026-W46", "2026-W47"], why: "Monday 00:00 in New York" },
    { now: "2027-01-04T10:00:00Z", settings: utcTeam, weeks: ["2026-W53", "2027-W01"], why: "across the year boundary" },
  ])("$now in $settings.tz → $weeks ($why)", ({ now, settings, weeks }) => {
    expect(checkinWeeksAround(new Date(now), settings)).toEqual(weeks);
  });
});

describe("isCheckinDue", () => {
  const scenarios: Array<{ why: string; week: string; ownerTz: string; now: string; settings: LoopSettings; due: boolean }> = [
    // Team in UTC, owner in UTC.
    { why: "a second before the owner's Monday 09:00", week: W46, ownerTz: "UTC", now: "2026-11-16T08:59:59Z", settings: utcTeam, due: false },
    { why: "at the owner's Monday 09:00", week: W46, ownerTz: "UTC", now: "2026-11-16T09:00:00Z", settings: utcTeam, due: true },
    { why: "catch-up: Monday afternoon after downtime", week: W46, ownerTz: "UTC", now: "2026-11-16T15:00:00Z", settings: utcTeam, due: true },
    { why: "catch-up: a second before the deadline", week: W46, ownerTz: "UTC", now: "2026-11-17T11:59:59Z", settings: utcTeam, due: true },
    { why: "not at the deadline", week: W46, ownerTz: "UTC", now: "2026-11-17T12:00:00Z", settings: utcTeam, due: false },
    { why: "not later in the same week", week: W46, ownerTz: "UTC", now: "2026-11-20T09:00:00Z", settings: utcTeam, due: false },
    { why: "not during the week itself", week: W46, ownerTz: "UTC", now: "2026-11-12T09:00:00Z", settings: utcTeam, due: false },
    { why: "not for the following week yet", week: "2026-W47", ownerTz: "UTC", now: "2026-11-16T09:00:00Z", settings: utcTeam, due: false },
    // Owners elsewhere: their own Monday 09:00, the team's deadline.
    { why: "Los Angeles: 08:59 local", week: W46, ownerTz: "America/Los_Angeles", now: "2026-11-16T16:59:00Z", settings: utcTeam, due: false },
    { why: "Los Angeles: 09:00 local", week: W46, ownerTz: "America/Los_Angeles", now: "2026-11-16T17:00:00Z", settings: utcTeam, due: true },
    { why: "Auckland: Monday 08:59 there", week: W46, ownerTz: "Pacific/Auckland", now: "2026-11-15T19:59:00Z", settings: utcTeam, due: false },
    {
      why: "Auckland: Monday 09:00 there, still Sunday for the team",
      week: W46,
      ownerTz: "Pacific/Auckland",
      now: "2026-11-15T20:00:00Z",
      settings: utcTeam,
      due: true,
    },
    { why: "Auckland: catch-up until the team's deadline", week: W46, ownerTz: "Pacific/Auckland", now: "2026-11-17T11:59:00Z", settings: utcTeam, due: true },
    { why: "Auckland: not after the team's deadline", week: W46, ownerTz: "Pacific/Auckland", now: "2026-11-17T12:00:00Z", settings: utcTeam, due: false },
    {
      why: "Auckland: the week before is long past its deadline",
      week: "2026-W45",
      ownerTz: "Pacific/Auckland",
      now: "2026-11-15T20:00:00Z",
      settings: utcTeam,
      due: false,
    },
    // Team in New York: the deadline is Tue 12:00 EST = 17:00 UTC.
    { why: "NY team, UTC owner: at 09:00 UTC (04:00 in NY)", week: W46, ownerTz: "UTC", now: "2026-11-16T09:00:00Z", settings: newYorkTeam, due: true },
    {
      why: "NY team: Tuesday 12:00 UTC is still before the NY deadline",
      week: W46,
      ownerTz: "UTC",
      now: "2026-11-17T12:00:00Z",
      settings: newYorkTeam,
      due: true,
    },
    { why: "NY team: a second before the NY deadline", week: W46, ownerTz: "UTC", now: "2026-11-17T16:59:59Z", settings: newYorkTeam, due: true },
    { why: "NY team: at the NY deadline", week: W46, ownerTz: "UTC", now: "2026-11-17T17:00:00Z", settings: newYorkTeam, due: false },
    {
      why: "NY team, Auckland owner: Monday 09:00 in Auckland",
      week: W46,
      ownerTz: "Pacific/Auckland",
      now: "2026-11-15T20:00:00Z",
      settings: newYorkTeam,
      due: true,
    },
    { why: "NY team, NY owner: 08:59 in NY", week: W46, ownerTz: "America/New_York", now: "2026-11-16T13:59:00Z", settings: newYorkTeam, due: false },
    { why: "NY team, NY owner: 09:00 in NY", week: W46, ownerTz: "America/New_York", now: "2026-11-16T14:00:00Z", settings: newYorkTeam, due: true },
    // The year boundary: 2026-W53 (Dec 28 – Jan 3) is asked for on Mon Jan 4 2027.
    { why: "2026-W53 at Mon Jan 4 09:00", week: "2026-W53", ownerTz: "UTC", now: "2027-01-04T09:00:00Z", settings: utcTeam, due: true },
    { why: "2026-W53 not on New Year's Day", week: "2026-W53", ownerTz: "UTC", now: "2027-01-01T09:00:00Z", settings: utcTeam, due: false },
    { why: "2026-W53 not after Tue Jan 5 12:00", week: "2026-W53", ownerTz: "UTC", now: "2027-01-05T12:00:00Z", settings: utcTeam, due: false },
  ];

  it.each(scenarios)("$why → $due", ({ week, ownerTz, now, settings, due }) => {
    expect(isCheckinDue(week, ownerTz, new Date(now), settings)).toBe(due);
  });

  it.each([
    { ownerTz: "UTC", now: "2026-11-16T09:00:00Z", due: ["2026-W46"] },
    { ownerTz: "UTC", now: "2026-11-15T20:00:00Z", due: [] },
    { ownerTz: "Pacific/Auckland", now: "2026-11-15T20:00:00Z", due: ["2026-W46"] },
    { ownerTz: "Pacific/Auckland", now: "2026-11-16T09:00:00Z", due: ["2026-W46"] },
    { ownerTz: "America/Los_Angeles", now: "2026-11-16T10:00:00Z", due: [] },
    { ownerTz: "UTC", now: "2026-11-17T12:00:00Z", due: [] },
  ])("among the weeks around $now, an owner in $ownerTz is due for $due", ({ ownerTz, now, due }) => {
    const at = new Date(now);
    expect(checkinWeeksAround(at, utcTeam).filter((week) => isCheckinDue(week, ownerTz, at, utcTeam))).toEqual(due);
  });
});

describe("isReminderDue", () => {
  const mondayNine = "2026-11-16T09:00:00Z";
  const scenarios: Array<{ why: string; sentAt: string; now: string; settings: LoopSettings; due: boolean }> = [
    { why: "just sent", sentAt: mondayNine, now: mondayNine, settings: utcTeam, due: false },
    { why: "a second short of 4h", sentAt: mondayNine, now: "2026-11-16T12:59:59Z", settings: utcTeam, due: false },
    { why: "4h after", sentAt: mondayNine, now: "2026-11-16T13:00:00Z", settings: utcTeam, due: true },
    { why: "catch-up before the deadline", sentAt: mondayNine, now: "2026-11-17T11:59:59Z", settings: utcTeam, due: true },
    { why: "not at the deadline", sentAt: mondayNine, now: "2026-11-17T12:00:00Z", settings: utcTeam, due: false },
    { why: "not days later", sentAt: mondayNine, now: "2026-11-19T12:00:00Z", settings: utcTeam, due: false },
    { why: "a late DM whose 4h end after the deadline", sentAt: "2026-11-17T10:00:00Z", now: "2026-11-17T11:59:00Z", settings: utcTeam, due: false },
    { why: "…is never reminded", sentAt: "2026-11-17T10:00:00Z", now: "2026-11-17T14:00:00Z", settings: utcTeam, due: false },
    {
      why: "Auckland owner, sent Sunday 20:00 UTC: due at midnight UTC",
      sentAt: "2026-11-15T20:00:00Z",
      now: "2026-11-16T00:00:00Z",
      settings: utcTeam,
      due: true,
    },
    { why: "NY team: past 12:00 UTC is still before the NY deadline", sentAt: mondayNine, now: "2026-11-17T16:00:00Z", settings: newYorkTeam, due: true },
    { why: "NY team: not at the NY deadline", sentAt: mondayNine, now: "2026-11-17T17:00:00Z", settings: newYorkTeam, due: false },
  ];

  it.each(scenarios)("$why → $due", ({ sentAt, now, settings, due }) => {
    expect(isReminderDue(W46, new Date(sentAt), new Date(now), settings)).toBe(due);
  });
});

describe("weeklyJobDue", () => {
  const scenarios: Array<{ why: string; step: WeeklyTime; now: string; settings: LoopSettings; week: string | undefined }> = [
    { why: "digest: Monday, not yet", step: DIGEST_AT, now: "2026-11-16T10:00:00Z", settings: utcTeam, week: undefined },
    { why: "digest: a second before Tue 13:00", step: DIGEST_AT, now: "2026-11-17T12:59:59Z", settings: utcTeam, week: undefined },
    { why: "digest: at Tue 13:00", step: DIGEST_AT, now: "2026-11-17T13:00:00Z", settings: utcTeam, week: W46 },
    { why: "digest: catch-up later the same week", step: DIGEST_AT, now: "2026-11-20T08:00:00Z", settings: utcTeam, week: W46 },
    { why: "digest: catch-up on the last second of the week", step: DIGEST_AT, now: "2026-11-22T23:59:59Z", settings: utcTeam, week: W46 },
    { why: "digest: not carried into the next week", step: DIGEST_AT, now: "2026-11-23T00:00:00Z", settings: utcTeam, week: undefined },
    { why: "deadline: at Tue 12:00", step: DEADLINE_AT, now: "2026-11-17T12:00:00Z", settings: utcTeam, week: W46 },
    { why: "deadline: a second before", step: DEADLINE_AT, now: "2026-11-17T11:59:59Z", settings: utcTeam, week: undefined },
    { why: "NY deadline: 16:59 UTC is 11:59 in NY", step: DEADLINE_AT, now: "2026-11-17T16:59:00Z", settings: newYorkTeam, week: undefined },
    { why: "NY deadline: 17:00 UTC is 12:00 in NY", step: DEADLINE_AT, now: "2026-11-17T17:00:00Z", settings: newYorkTeam, week: W46 },
    { why: "NY digest: Sunday 23:59 in NY is still the same week", step: DIGEST_AT, now: "2026-11-23T04:59:00Z", settings: newYorkTeam, week: W46 },
    { why: "NY digest: Monday 00:00 in NY starts the next week", step: DIGEST_AT, now: "2026-11-23T05:00:00Z", settings: newYorkTeam, week: undefined },
    { why: "year boundary: 2026-W53's digest on Tue Jan 5 2027", step: DIGEST_AT, now: "2027-01-05T13:00:00Z", settings: utcTeam, week: "2026-W53" },
    { why: "year boundary: 2027-W01 on Tue Jan 12", step: DIGEST_AT, now: "2027-01-12T13:00:00Z", settings: utcTeam, week: "2027-W01" },
  ];

  it.each(scenarios)("$why → $week", ({ step, now, settings, week }) => {
    expect(weeklyJobDue(step, new Date(now), settings)).toBe(week);
  });
});

describe("owners far from the team's zone (team London, deadline mon 17:00, remind after 4h)", () => {
  const londonTeam: LoopSettings = { ...settingsIn("Europe/London"), deadlineAt: { dayOffset: 0, hour: 17, minute: 0, text: "mon 17:00" } };
  // 2026-W47's check-in day is Mon Nov 23; London is on GMT (UTC+0). Deadline 17:00Z, so the latest ask is 13:00Z.
  const W47 = "2026-W47";
  it.each([
    { ownerTz: "Europe/London", at: "2026-11-23T09:00:00.000Z", why: "09:00 at home, well before the deadline" },
    { ownerTz: "Pacific/Honolulu", at: "2026-11-23T13:00:00.000Z", why: "UTC−10: 09:00 there is 19:00 London, after the deadline" },
    { ownerTz: "America/Los_Angeles", at: "2026-11-23T13:00:00.000Z", why: "09:00 there is 17:00 London, the deadline itself" },
    { ownerTz: "Pacific/Kiritimati", at: "2026-11-22T19:00:00.000Z", why: "UTC+14: 09:00 Monday there is Sunday evening in London" },
  ])("an owner in $ownerTz is asked at $at ($why)", ({ ownerTz, at }) => {
    expect(checkinTimeFor(W47, ownerTz, londonTeam).toISOString()).toBe(at);
    expect(isCheckinDue(W47, ownerTz, new Date(at), londonTeam)).toBe(true);
    expect(isCheckinDue(W47, ownerTz, new Date(new Date(at).getTime() - 60_000), londonTeam)).toBe(false);
  });

  it("an owner at UTC−10 is due for a while before the deadline, and no longer at it", () => {
    expect(isCheckinDue(W47, "Pacific/Honolulu", new Date("2026-11-23T16:59:00Z"), londonTeam)).toBe(true);
    expect(isCheckinDue(W47, "Pacific/Honolulu", new Date("2026-11-23T17:00:00Z"), londonTeam)).toBe(false);
  });
});
