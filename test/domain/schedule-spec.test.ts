import { describe, expect, it } from "vitest";
import { minutesIntoWeek, parseDelay, parseWeeklyTime, stepTimeFor, type WeeklyTime } from "../../src/domain/schedule-spec";

describe("parseWeeklyTime", () => {
  it.each([
    ["mon 09:00", { dayOffset: 0, hour: 9, minute: 0, text: "mon 09:00" }],
    ["Tuesday 12:00", { dayOffset: 1, hour: 12, minute: 0, text: "tue 12:00" }],
    ["tue 13:00", { dayOffset: 1, hour: 13, minute: 0, text: "tue 13:00" }],
    ["WED 7:05", { dayOffset: 2, hour: 7, minute: 5, text: "wed 07:05" }],
    ["thursday 00:00", { dayOffset: 3, hour: 0, minute: 0, text: "thu 00:00" }],
    ["fri 17:30", { dayOffset: 4, hour: 17, minute: 30, text: "fri 17:30" }],
    ["Saturday 08:15", { dayOffset: 5, hour: 8, minute: 15, text: "sat 08:15" }],
    ["sun 23:59", { dayOffset: 6, hour: 23, minute: 59, text: "sun 23:59" }],
    ["  mon   09:00  ", { dayOffset: 0, hour: 9, minute: 0, text: "mon 09:00" }],
  ])("reads %j", (text, expected) => {
    expect(parseWeeklyTime(text)).toEqual(expected);
  });

  it.each([
    "",
    "mon",
    "09:00",
    "mon 24:00",
    "mon 9:60",
    "mon 0900",
    "mon 09",
    "mon 09:0",
    "monday09:00",
    "mo 09:00",
    "xyz 09:00",
    "mon 09:00 am",
    "mon -1:00",
    "every monday at 9",
  ])("refuses %j", (text) => {
    expect(parseWeeklyTime(text)).toBeUndefined();
  });
});

describe("parseDelay", () => {
  const MINUTE = 60_000;
  it.each([
    ["4h", 4 * 60 * MINUTE],
    ["30m", 30 * MINUTE],
    ["1h30m", 90 * MINUTE],
    ["1h 30m", 90 * MINUTE],
    ["1d", 24 * 60 * MINUTE],
    ["1d2h", 26 * 60 * MINUTE],
    ["2D", 48 * 60 * MINUTE],
    ["0m", 0],
    [" 90m ", 90 * MINUTE],
  ])("%j is %i ms", (text, ms) => {
    expect(parseDelay(text)).toBe(ms);
  });

  it.each(["", "   ", "h", "4", "-1h", "1.5h", "30m1h", "4 hours", "abc", "1w", "4h!"])("refuses %j", (text) => {
    expect(parseDelay(text)).toBeUndefined();
  });
});

describe("stepTimeFor", () => {
  const at = (text: string): WeeklyTime => {
    const parsed = parseWeeklyTime(text);
    if (!parsed) throw new Error(`bad weekly time in test: ${text}`);
    return parsed;
  };

  const scenarios: Array<{ week: string; step: string; tz: string; at: string; why: string }> = [
    { week: "2026-W47", step: "mon 09:00", tz: "UTC", at: "2026-11-23T09:00:00.000Z", why: "the Monday after the week" },
    { week: "2026-W47", step: "tue 12:00", tz: "UTC", at: "2026-11-24T12:00:00.000Z", why: "deadline the day after" },
    { week: "2026-W47", step: "sun 23:59", tz: "UTC", at: "2026-11-29T23:59:00.000Z", why: "last minute of the next week" },
    // New York: DST began Sunday 2026-03-08.
    { week: "2026-W09", step: "mon 09:00", tz: "America/New_York", at: "2026-03-02T14:00:00.000Z", why: "EST, UTC-5" },
    { week: "2026-W10", step: "mon 09:00", tz: "America/New_York", at: "2026-03-09T13:00:00.000Z", why: "EDT, UTC-4" },
    { week: "2026-W09", step: "tue 12:00", tz: "America/New_York", at: "2026-03-03T17:00:00.000Z", why: "EST deadline" },
    { week: "2026-W10", step: "tue 12:00", tz: "America/New_York", at: "2026-03-10T16:00:00.000Z", why: "EDT deadline" },
    // Berlin: DST began Sunday 2026-03-29.
    { week: "2026-W12", step: "mon 09:00", tz: "Europe/Berlin", at: "2026-03-23T08:00:00.000Z", why: "CET, UTC+1" },
    { week: "2026-W13", step: "mon 09:00", tz: "Europe/Berlin", at: "2026-03-30T07:00:00.000Z", why: "CEST, UTC+2" },
    // Berlin: DST ends Sunday 2026-10-25.
    { week: "2026-W43", step: "mon 09:00", tz: "Europe/Berlin", at: "2026-10-26T08:00:00.000Z", why: "back to CET" },
    // Kolkata has no DST and a half-hour offset.
    { week: "2026-W12", step: "mon 09:00", tz: "Asia/Kolkata", at: "2026-03-23T03:30:00.000Z", why: "IST, UTC+5:30" },
    { week: "2026-W13", step: "mon 09:00", tz: "Asia/Kolkata", at: "2026-03-30T03:30:00.000Z", why: "IST, UTC+5:30" },
    // Year boundaries.
    { week: "2026-W52", step: "sun 23:59", tz: "UTC", at: "2027-01-03T23:59:00.000Z", why: "Sunday of 2026-W53" },
    { week: "2026-W53", step: "mon 09:00", tz: "UTC", at: "2027-01-04T09:00:00.000Z", why: "Monday of 2027-W01" },
    { week: "2025-W52", step: "mon 09:00", tz: "America/New_York", at: "2025-12-29T14:00:00.000Z", why: "Monday of 2026-W01, in 2025" },
    { week: "2026-W53", step: "mon 09:00", tz: "Pacific/Auckland", at: "2027-01-03T20:00:00.000Z", why: "NZDT, UTC+13: the day before in UTC" },
  ];

  it.each(scenarios)("$week at $step in $tz → $at ($why)", ({ week, step, tz, at: expected }) => {
    expect(stepTimeFor(week, at(step), tz).toISOString()).toBe(expected);
  });
});

describe("minutesIntoWeek", () => {
  it.each([
    ["mon 00:00", 0],
    ["mon 09:00", 540],
    ["tue 12:00", 1440 + 720],
    ["tue 13:00", 1440 + 780],
    ["sun 23:59", 6 * 1440 + 1439],
  ])("%s is %i minutes after Monday 00:00", (text, minutes) => {
    const step = parseWeeklyTime(text);
    expect(step).toBeDefined();
    expect(minutesIntoWeek(step!)).toBe(minutes);
  });
});
