// Where the demo page's clock buttons jump: the loop's next check-in, reminder, deadline and digest.
import { describe, expect, it } from "vitest";
import { parseDelay, parseWeeklyTime, type WeeklyTime } from "../../src/domain/schedule-spec";
import { nextLoopSteps, type LoopOwner } from "../../tools/demo/loop-times";

const settings = {
  tz: "Europe/London",
  checkinAt: parseWeeklyTime("mon 09:00") as WeeklyTime,
  remindAfterMs: parseDelay("4h")!,
  deadlineAt: parseWeeklyTime("tue 12:00") as WeeklyTime,
  digestAt: parseWeeklyTime("tue 13:00") as WeeklyTime,
};
const berlin: LoopOwner = { id: "ULENA", tz: "Europe/Berlin" };
const london: LoopOwner = { id: "UPRIYA", tz: "Europe/London" };
const newYork: LoopOwner = { id: "UTOMAS", tz: "America/New_York" };
const MONDAY_0700 = new Date("2026-11-16T07:00:00Z"); // week 2026-W47 starts; 2026-W46 is asked for

const summary = (steps: ReturnType<typeof nextLoopSteps>) =>
  Object.fromEntries(Object.entries(steps).map(([step, next]) => [step, next && { at: next.at.toISOString(), week: next.week, owners: next.ownerIds }]));

describe("the demo clock's next steps", () => {
  it("on Monday morning: Berlin's 09:00 first, its reminder 4 h later, then the team's deadline and digest", () => {
    expect(summary(nextLoopSteps(MONDAY_0700, settings, [berlin, london, newYork]))).toEqual({
      checkin: { at: "2026-11-16T08:00:00.000Z", week: "2026-W46", owners: ["ULENA"] },
      reminder: { at: "2026-11-16T12:00:00.000Z", week: "2026-W46", owners: ["ULENA"] },
      deadline: { at: "2026-11-17T12:00:00.000Z", week: "2026-W46", owners: [] },
      digest: { at: "2026-11-17T13:00:00.000Z", week: "2026-W46", owners: [] },
    });
  });

  it("counts reminders from when the DM really went out, and skips owners reminded or done", () => {
    const sent = (sentAt: string, more: { remindedAt?: string; answeredAt?: string } = {}) =>
      new Map([
        [
          "2026-W46",
          {
            sentAt: new Date(sentAt),
            remindedAt: more.remindedAt ? new Date(more.remindedAt) : null,
            answeredAt: more.answeredAt ? new Date(more.answeredAt) : null,
          },
        ],
      ]);
    const at = new Date("2026-11-16T08:30:00Z");
    const late = nextLoopSteps(at, settings, [{ ...berlin, checkins: sent("2026-11-16T08:20:00Z") }, london]);
    expect(summary(late).checkin).toEqual({ at: "2026-11-16T09:00:00.000Z", week: "2026-W46", owners: ["UPRIYA"] });
    expect(summary(late).reminder).toEqual({ at: "2026-11-16T12:20:00.000Z", week: "2026-W46", owners: ["ULENA"] });
    const answered = nextLoopSteps(at, settings, [{ ...berlin, checkins: sent("2026-11-16T08:00:00Z", { answeredAt: "2026-11-16T08:10:00Z" }) }, london]);
    expect(summary(answered).reminder).toEqual({ at: "2026-11-16T13:00:00.000Z", week: "2026-W46", owners: ["UPRIYA"] });
  });

  it("after the deadline, looks to next week: no reminders past a deadline", () => {
    const steps = summary(nextLoopSteps(new Date("2026-11-17T12:00:00Z"), settings, [berlin, newYork]));
    expect(steps.checkin).toEqual({ at: "2026-11-23T08:00:00.000Z", week: "2026-W47", owners: ["ULENA"] });
    expect(steps.reminder).toEqual({ at: "2026-11-23T12:00:00.000Z", week: "2026-W47", owners: ["ULENA"] });
    expect(steps.deadline).toEqual({ at: "2026-11-24T12:00:00.000Z", week: "2026-W47", owners: [] });
    expect(steps.digest).toEqual({ at: "2026-11-17T13:00:00.000Z", week: "2026-W46", owners: [] });
  });

  it("has no check-in or reminder when no seat has an owner", () => {
    const steps = nextLoopSteps(MONDAY_0700, settings, []);
    expect(steps.checkin).toBeUndefined();
    expect(steps.reminder).toBeUndefined();
    expect(steps.deadline).toBeDefined();
  });
});
