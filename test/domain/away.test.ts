import { describe, expect, it } from "vitest";
import { daysOfWeek, holidayOfWeek, isAwayForWeek, parseDay, rangeProblem, todayIn, weeksCovered, type TimeOff } from "../../src/domain/away";
import { lastCompletedWeek } from "../../src/domain/week";

const away = (userId: string | null, from: string, to: string, id = 1): TimeOff => ({ id, userId, from, to, note: null });

describe("parseDay", () => {
  const scenarios: Array<{ text: string; day: string | undefined }> = [
    { text: "2026-12-24", day: "2026-12-24" },
    { text: " 2028-02-29 ", day: "2028-02-29" },
    { text: "2026-02-29", day: undefined },
    { text: "2026-13-01", day: undefined },
    { text: "2026-1-5", day: undefined },
    { text: "tomorrow", day: undefined },
  ];
  it.each(scenarios)("$text → $day", ({ text, day }) => expect(parseDay(text)).toBe(day));
});

describe("rangeProblem", () => {
  const scenarios: Array<{ from: string; to: string; problem: RegExp | undefined }> = [
    { from: "2026-12-01", to: "2026-12-01", problem: undefined },
    { from: "2026-01-01", to: "2026-12-31", problem: undefined },
    { from: "2028-01-01", to: "2028-12-31", problem: undefined }, // a leap year: 366 days
    { from: "2026-01-01", to: "2027-01-01", problem: undefined }, // 366 days
    { from: "2026-01-01", to: "2027-01-02", problem: /367 days long; at most 366/ },
    { from: "2026-12-02", to: "2026-12-01", problem: /ends \(2026-12-01\) before it starts/ },
  ];
  it.each(scenarios)("$from – $to", ({ from, to, problem }) => {
    const found = rangeProblem(from, to);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });
});

describe("isAwayForWeek", () => {
  // 2026-W47 is Mon Nov 16 – Sun Nov 22.
  const scenarios: Array<{ why: string; ranges: TimeOff[]; away: boolean }> = [
    { why: "exactly the week", ranges: [away("U1", "2026-11-16", "2026-11-22")], away: true },
    { why: "a longer range around it", ranges: [away("U1", "2026-11-01", "2026-12-15")], away: true },
    { why: "Monday to Friday leaves the weekend", ranges: [away("U1", "2026-11-16", "2026-11-20")], away: false },
    { why: "starting on Tuesday", ranges: [away("U1", "2026-11-17", "2026-11-30")], away: false },
    { why: "two ranges that add up to the week", ranges: [away("U1", "2026-11-10", "2026-11-18", 1), away("U1", "2026-11-19", "2026-11-25", 2)], away: true },
    { why: "two ranges with a day between", ranges: [away("U1", "2026-11-10", "2026-11-18", 1), away("U1", "2026-11-20", "2026-11-25", 2)], away: false },
    { why: "someone else's time off", ranges: [away("U2", "2026-11-16", "2026-11-22")], away: false },
    { why: "a team holiday is not personal time off", ranges: [away(null, "2026-11-16", "2026-11-22")], away: false },
  ];
  it.each(scenarios)("$why → $away", ({ ranges, away: expected }) => expect(isAwayForWeek("U1", "2026-W47", ranges)).toBe(expected));

  it("asks about the week the owner just finished, whichever week the team's clock is in", () => {
    // Monday 09:00 in Auckland (UTC+13) is Sunday 20:00 in UTC: Auckland's last week is W47, the team's is W46.
    const aucklandMonday = new Date("2026-11-22T20:00:00Z");
    const ownerWeek = lastCompletedWeek(aucklandMonday, "Pacific/Auckland");
    const teamWeek = lastCompletedWeek(aucklandMonday, "UTC");
    expect([ownerWeek, teamWeek]).toEqual(["2026-W47", "2026-W46"]);
    const awayW46 = [away("UAKL", "2026-11-09", "2026-11-15")];
    expect(isAwayForWeek("UAKL", ownerWeek, awayW46)).toBe(false);
    expect(isAwayForWeek("UAKL", teamWeek, awayW46)).toBe(true);
  });
});

describe("holidayOfWeek", () => {
  it("is the holidays covering the whole week, and nothing for a partly free week", () => {
    const christmas = away(null, "2026-12-21", "2026-12-27", 1);
    expect(holidayOfWeek("2026-W52", [christmas, away("U1", "2026-12-01", "2026-12-31", 2)])).toEqual([christmas]);
    expect(holidayOfWeek("2026-W52", [away(null, "2026-12-24", "2026-12-27")])).toBeUndefined();
    expect(holidayOfWeek("2026-W52", [away("U1", "2026-12-21", "2026-12-27")])).toBeUndefined();
  });
});

describe("weeksCovered and daysOfWeek", () => {
  it("lists the whole weeks in a range, across a year end", () => {
    expect(weeksCovered("2026-12-21", "2027-01-10")).toEqual(["2026-W52", "2026-W53", "2027-W01"]);
    expect(weeksCovered("2026-12-22", "2027-01-09")).toEqual(["2026-W53"]);
    expect(weeksCovered("2026-12-22", "2026-12-24")).toEqual([]);
  });

  it("names Monday to Sunday", () => {
    expect(daysOfWeek("2026-W53")).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
  });
});

describe("todayIn", () => {
  it("is the date on the team's calendar", () => {
    expect(todayIn(new Date("2026-11-30T23:30:00Z"), "UTC")).toBe("2026-11-30");
    expect(todayIn(new Date("2026-11-30T23:30:00Z"), "Europe/Berlin")).toBe("2026-12-01");
    expect(todayIn(new Date("2026-12-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11-30");
  });
});
