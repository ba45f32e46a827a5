import { describe, expect, it } from "vitest";
import {
  compareWeeks,
  describeWeek,
  formatWeek,
  isWeek,
  lastCompletedWeek,
  mondayOf,
  parseWeek,
  shiftWeek,
  trailingWeeks,
  weekOf,
  weeksBetween,
  weekStartsAt,
} from "../../src/domain/week";

describe("weekOf", () => {
  const scenarios: Array<{ instant: string; tz: string; week: string; why: string }> = [
    { instant: "2026-01-01T12:00:00Z", tz: "UTC", week: "2026-W01", why: "Jan 1 2026 is a Thursday, so W01" },
    { instant: "2025-12-29T00:00:00Z", tz: "UTC", week: "2026-W01", why: "the Monday before belongs to 2026-W01" },
    { instant: "2025-12-28T23:59:59Z", tz: "UTC", week: "2025-W52", why: "the Sunday before is still 2025" },
    { instant: "2026-12-31T12:00:00Z", tz: "UTC", week: "2026-W53", why: "2026 starts on a Thursday: 53 weeks" },
    { instant: "2027-01-01T12:00:00Z", tz: "UTC", week: "2026-W53", why: "Fri Jan 1 2027 is in 2026's last week" },
    { instant: "2027-01-03T23:59:59Z", tz: "UTC", week: "2026-W53", why: "Sunday ends 2026-W53" },
    { instant: "2027-01-04T00:00:00Z", tz: "UTC", week: "2027-W01", why: "Monday starts 2027-W01" },
    { instant: "2021-01-03T12:00:00Z", tz: "UTC", week: "2020-W53", why: "2020 (leap, starts Wed) has 53 weeks" },
    { instant: "2021-01-04T12:00:00Z", tz: "UTC", week: "2021-W01", why: "and 2021-W01 follows it" },
    { instant: "2024-12-30T12:00:00Z", tz: "UTC", week: "2025-W01", why: "Mon Dec 30 2024 is 2025-W01" },
    { instant: "2026-11-16T12:00:00Z", tz: "UTC", week: "2026-W47", why: "mid-November" },
    // The same instant seen on different clocks.
    { instant: "2026-11-16T03:00:00Z", tz: "America/New_York", week: "2026-W46", why: "still Sunday evening in New York" },
    { instant: "2026-11-16T03:00:00Z", tz: "UTC", week: "2026-W47", why: "already Monday in UTC" },
    { instant: "2026-11-15T20:00:00Z", tz: "Asia/Kolkata", week: "2026-W47", why: "already Monday 01:30 in Kolkata" },
    { instant: "2026-11-15T20:00:00Z", tz: "UTC", week: "2026-W46", why: "still Sunday in UTC" },
    { instant: "2026-01-05T04:30:00Z", tz: "America/New_York", week: "2026-W01", why: "Sunday 23:30 in New York" },
    { instant: "2026-01-05T04:30:00Z", tz: "UTC", week: "2026-W02", why: "Monday 04:30 in UTC" },
    { instant: "2027-01-04T00:30:00Z", tz: "America/Los_Angeles", week: "2026-W53", why: "year boundary: still Jan 3 in LA" },
    { instant: "2027-01-03T20:00:00Z", tz: "Pacific/Auckland", week: "2027-W01", why: "year boundary: already Jan 4 in Auckland" },
    { instant: "2027-01-03T20:00:00Z", tz: "UTC", week: "2026-W53", why: "same instant, UTC" },
  ];

  it.each(scenarios)("$instant in $tz is $week ($why)", ({ instant, tz, week }) => {
    expect(weekOf(new Date(instant), tz)).toBe(week);
  });
});

describe("parseWeek / isWeek", () => {
  const valid: Array<[string, { year: number; week: number }]> = [
    ["2026-W47", { year: 2026, week: 47 }],
    ["2026-W01", { year: 2026, week: 1 }],
    ["2026-W53", { year: 2026, week: 53 }],
    ["2020-W53", { year: 2020, week: 53 }],
    ["2015-W53", { year: 2015, week: 53 }],
    [" 2026-w47 ", { year: 2026, week: 47 }],
  ];
  it.each(valid)("reads %j", (text, expected) => {
    expect(parseWeek(text)).toEqual(expected);
    expect(isWeek(text)).toBe(true);
  });

  const invalid = [
    "2026-W54",
    "2026-W00",
    "2027-W53", // 2027 has 52 weeks
    "2021-W53",
    "abc",
    "",
    "2026-W1",
    "2026-W470",
    "26-W47",
    "2026W47",
    "2026-47",
    "2026-W4a",
  ];
  it.each(invalid)("refuses %j", (text) => {
    expect(parseWeek(text)).toBeUndefined();
    expect(isWeek(text)).toBe(false);
  });
});

describe("formatWeek", () => {
  it.each([
    [2026, 1, "2026-W01"],
    [2026, 47, "2026-W47"],
    [2020, 53, "2020-W53"],
  ] as const)("%i week %i → %s", (year, week, text) => {
    expect(formatWeek(year, week)).toBe(text);
  });
});

describe("mondayOf", () => {
  it.each([
    ["2026-W01", "2025-12-29"],
    ["2026-W47", "2026-11-16"],
    ["2026-W53", "2026-12-28"],
    ["2027-W01", "2027-01-04"],
    ["2020-W53", "2020-12-28"],
    ["2021-W01", "2021-01-04"],
  ])("%s starts on %s", (week, date) => {
    const monday = mondayOf(week);
    expect(monday.toISOString().slice(0, 10)).toBe(date);
    expect(monday.getUTCDay()).toBe(1);
  });

  it("throws on a week that does not exist", () => {
    expect(() => mondayOf("2026-W54")).toThrow(/not an ISO week/);
  });
});

describe("shiftWeek", () => {
  it.each([
    ["2026-W47", 0, "2026-W47"],
    ["2026-W47", 1, "2026-W48"],
    ["2026-W47", -1, "2026-W46"],
    ["2026-W52", 1, "2026-W53"],
    ["2026-W53", 1, "2027-W01"],
    ["2027-W01", -1, "2026-W53"],
    ["2020-W52", 1, "2020-W53"],
    ["2020-W53", 1, "2021-W01"],
    ["2025-W52", 1, "2026-W01"],
    ["2026-W01", -1, "2025-W52"],
    ["2026-W01", -53, "2024-W52"],
    ["2026-W10", 52, "2027-W09"],
  ] as const)("%s shifted by %i is %s", (week, by, expected) => {
    expect(shiftWeek(week, by)).toBe(expected);
  });
});

describe("trailingWeeks", () => {
  it.each([
    ["2026-W47", 1, ["2026-W47"]],
    ["2026-W47", 3, ["2026-W45", "2026-W46", "2026-W47"]],
    ["2027-W02", 4, ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]],
    ["2026-W10", 0, []],
  ] as const)("%s, %i weeks, oldest first", (week, count, expected) => {
    expect(trailingWeeks(week, count)).toEqual(expected);
  });

  it("gives 13 distinct consecutive weeks ending with the given week", () => {
    const weeks = trailingWeeks("2026-W05", 13);
    expect(weeks).toHaveLength(13);
    expect(weeks[0]).toBe("2025-W45");
    expect(weeks[12]).toBe("2026-W05");
    expect(new Set(weeks).size).toBe(13);
  });
});

describe("lastCompletedWeek", () => {
  it.each([
    { now: "2026-11-18T12:00:00Z", tz: "UTC", week: "2026-W46", why: "midweek: the previous week" },
    { now: "2026-11-16T00:00:00Z", tz: "UTC", week: "2026-W46", why: "the first instant of Monday" },
    { now: "2026-11-22T23:59:59Z", tz: "UTC", week: "2026-W46", why: "Sunday: the current week has not ended" },
    { now: "2026-11-23T04:00:00Z", tz: "America/New_York", week: "2026-W46", why: "still Sunday 23:00 in New York" },
    { now: "2026-11-23T04:00:00Z", tz: "UTC", week: "2026-W47", why: "Monday 04:00 in UTC" },
    { now: "2026-11-22T19:00:00Z", tz: "Asia/Kolkata", week: "2026-W47", why: "Monday 00:30 in Kolkata" },
    { now: "2027-01-05T09:00:00Z", tz: "UTC", week: "2026-W53", why: "across the year boundary" },
    { now: "2026-01-05T09:00:00Z", tz: "UTC", week: "2026-W01", why: "W01 whose Monday lies in 2025" },
    { now: "2026-01-01T09:00:00Z", tz: "UTC", week: "2025-W52", why: "New Year's Day 2026 is in W01" },
  ])("$now in $tz → $week ($why)", ({ now, tz, week }) => {
    expect(lastCompletedWeek(new Date(now), tz)).toBe(week);
  });
});

describe("weekStartsAt", () => {
  it.each([
    { week: "2026-W47", tz: "UTC", at: "2026-11-16T00:00:00.000Z" },
    { week: "2026-W47", tz: "America/New_York", at: "2026-11-16T05:00:00.000Z" }, // EST, UTC-5
    { week: "2026-W47", tz: "Asia/Kolkata", at: "2026-11-15T18:30:00.000Z" }, // IST, UTC+5:30
    { week: "2026-W27", tz: "America/New_York", at: "2026-06-29T04:00:00.000Z" }, // EDT, UTC-4
    { week: "2026-W27", tz: "Asia/Kolkata", at: "2026-06-28T18:30:00.000Z" }, // no DST in India
    { week: "2026-W10", tz: "America/New_York", at: "2026-03-02T05:00:00.000Z" }, // before DST (Mar 8)
    { week: "2026-W11", tz: "America/New_York", at: "2026-03-09T04:00:00.000Z" }, // after DST
    { week: "2026-W44", tz: "America/New_York", at: "2026-10-26T04:00:00.000Z" }, // before DST ends (Nov 1)
    { week: "2026-W45", tz: "America/New_York", at: "2026-11-02T05:00:00.000Z" }, // after DST ends
    { week: "2026-W01", tz: "Pacific/Auckland", at: "2025-12-28T11:00:00.000Z" }, // NZDT, UTC+13
  ])("$week starts at $at in $tz", ({ week, tz, at }) => {
    expect(weekStartsAt(week, tz).toISOString()).toBe(at);
  });

  it("is the first instant that weekOf places in that week", () => {
    for (const tz of ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]) {
      const start = weekStartsAt("2026-W47", tz);
      expect(weekOf(start, tz)).toBe("2026-W47");
      expect(weekOf(new Date(start.getTime() - 1), tz)).toBe("2026-W46");
    }
  });
});

describe("describeWeek", () => {
  it.each([
    ["2026-W47", "2026-W47 (Nov 16 – Nov 22)"],
    ["2026-W01", "2026-W01 (Dec 29 – Jan 4)"],
    ["2026-W53", "2026-W53 (Dec 28 – Jan 3)"],
    ["2026-W10", "2026-W10 (Mar 2 – Mar 8)"],
    ["2024-W09", "2024-W09 (Feb 26 – Mar 3)"], // leap year: Feb 29 inside
  ])("%s → %s", (week, text) => {
    expect(describeWeek(week)).toBe(text);
  });
});

describe("compareWeeks / weeksBetween", () => {
  it.each([
    ["2026-W09", "2026-W10", -1],
    ["2026-W10", "2026-W09", 1],
    ["2026-W10", "2026-W10", 0],
    ["2026-W53", "2027-W01", -1],
  ] as const)("compareWeeks(%s, %s) = %i", (a, b, expected) => {
    expect(compareWeeks(a, b)).toBe(expected);
  });

  it("sorts weeks chronologically", () => {
    expect(["2027-W01", "2026-W09", "2026-W53", "2026-W10"].sort(compareWeeks)).toEqual(["2026-W09", "2026-W10", "2026-W53", "2027-W01"]);
  });

  it.each([
    ["2026-W47", "2026-W47", 0],
    ["2026-W46", "2026-W47", 1],
    ["2026-W47", "2026-W46", -1],
    ["2026-W50", "2027-W02", 5],
    ["2020-W52", "2021-W01", 2],
    ["2026-W01", "2027-W01", 53],
  ] as const)("weeksBetween(%s, %s) = %i", (from, to, expected) => {
    expect(weeksBetween(from, to)).toBe(expected);
  });
});
