import { describe, expect, it } from "vitest";
import type { LoopSettings } from "../../src/domain/loop-schedule";
import { parseWeeklyTime } from "../../src/domain/schedule-spec";
import { zonesNotServed } from "../../src/domain/zones-not-served";

const settings = (tz: string, deadline: string, remindHours = 4): LoopSettings => ({
  tz,
  checkinAt: parseWeeklyTime("mon 09:00")!,
  remindAfterMs: remindHours * 3600_000,
  deadlineAt: parseWeeklyTime(deadline)!,
  digestAt: parseWeeklyTime("tue 13:00")!,
});
const W47 = "2026-W47";

describe("zonesNotServed", () => {
  it("is silent when every zone is asked at its own check-in time (defaults: deadline tue 12:00)", () => {
    expect(zonesNotServed(settings("Europe/London", "tue 12:00"), ["Pacific/Honolulu", "Pacific/Kiritimati", "Europe/London"], W47)).toBeUndefined();
  });

  it("names the zones west of the team that are asked early, and when (team London, deadline mon 17:00)", () => {
    const warning = zonesNotServed(
      settings("Europe/London", "mon 17:00"),
      ["Pacific/Kiritimati", "Pacific/Honolulu", "Europe/London", "Pacific/Honolulu"],
      W47,
    );
    expect(warning).toBe(
      "CHECKIN_AT (mon 09:00, each owner's clock) falls too close to DEADLINE_AT (mon 17:00 Europe/London, Mon 13:00 there is the last time to ask with REMIND_AFTER left) for owners in Pacific/Honolulu (asked Mon 03:00 their time instead of mon 09:00). Move CHECKIN_AT earlier or DEADLINE_AT later to ask them in their morning.",
    );
  });

  it("warns when the latest time to ask comes before the week is over", () => {
    expect(zonesNotServed(settings("UTC", "mon 02:00"), ["UTC"], W47)).toMatch(
      /^DEADLINE_AT \(mon 02:00\) minus REMIND_AFTER comes before the week ends in UTC/,
    );
  });
});
