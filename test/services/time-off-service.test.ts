// Time off with an in-memory repository: what is refused (and then nothing is stored), and what a week means.
import { describe, expect, it } from "vitest";
import type { TimeOff } from "../../src/domain/away";
import { TimeOffService } from "../../src/services/time-off-service";

const NOW = new Date("2026-11-30T10:00:00Z");

function world(people: string[] = ["UANA", "UBEN"]) {
  const rows: TimeOff[] = [];
  const service = new TimeOffService({
    timeOff: {
      add: async (input) => {
        const row = { ...input, id: rows.length + 1 };
        rows.push(row);
        return row;
      },
      overlapping: async (from, to) => rows.filter((row) => row.from <= to && row.to >= from),
      endingOnOrAfter: async (day) => rows.filter((row) => row.to >= day),
    },
    directory: {
      checkPerson: async (userId) =>
        people.includes(userId) ? { ok: true, tz: "UTC" } : { ok: false, reason: `<@${userId}> is not a person in this workspace` },
    },
    tz: "Europe/Berlin",
  });
  return { service, rows };
}

describe("TimeOffService", () => {
  const refusals: Array<{ why: string; add: (service: TimeOffService) => Promise<{ ok: boolean; error?: string }>; error: RegExp }> = [
    {
      why: "ends before it starts",
      add: (s) => s.addAway({ userId: "UANA", from: "2026-12-10", to: "2026-12-09", note: null }, "UADMIN", NOW),
      error: /before it starts/,
    },
    { why: "longer than 366 days", add: (s) => s.addHoliday({ from: "2026-12-01", to: "2027-12-02", name: null }, "UADMIN", NOW), error: /367 days/ },
    { why: "not a person", add: (s) => s.addAway({ userId: "UBOT", from: "2026-12-01", to: "2026-12-02", note: null }, "UADMIN", NOW), error: /not a person/ },
  ];
  it.each(refusals)("refuses a range that $why and stores nothing", async ({ add, error }) => {
    const { service, rows } = world();
    const result = await add(service);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(error);
    expect(rows).toEqual([]);
  });

  it("says which whole weeks a range covers", async () => {
    const { service } = world();
    const added = await service.addAway({ userId: "UANA", from: "2026-12-14", to: "2027-01-03", note: "Trip" }, "UADMIN", NOW);
    expect(added).toMatchObject({ ok: true, value: { weeks: ["2026-W51", "2026-W52", "2026-W53"], timeOff: { userId: "UANA", note: "Trip" } } });
  });

  it("answers for one week: who is away and whether it is a holiday week", async () => {
    const { service } = world();
    await service.addAway({ userId: "UANA", from: "2026-12-14", to: "2026-12-20", note: null }, "UADMIN", NOW);
    await service.addHoliday({ from: "2026-12-21", to: "2026-12-27", name: "Winter break" }, "UADMIN", NOW);
    const w51 = await service.forWeek("2026-W51");
    expect([w51.holiday, w51.isAway("UANA"), w51.isAway("UBEN")]).toEqual([undefined, true, false]);
    const w52 = await service.forWeek("2026-W52");
    expect(w52.holiday?.map((range) => range.note)).toEqual(["Winter break"]);
    expect(w52.isAway("UANA")).toBe(false);
  });

  it("lists what is not over yet on the team's calendar", async () => {
    const { service } = world();
    await service.addAway({ userId: "UANA", from: "2026-11-20", to: "2026-11-30", note: null }, "UANA", NOW);
    await service.addAway({ userId: "UBEN", from: "2026-11-20", to: "2026-11-29", note: null }, "UBEN", NOW);
    // 23:30 UTC on Nov 30 is already Dec 1 in Berlin: Ana's last day is over there.
    expect((await service.current(new Date("2026-11-30T12:00:00Z"))).map((row) => row.userId)).toEqual(["UANA"]);
    expect(await service.current(new Date("2026-11-30T23:30:00Z"))).toEqual([]);
  });
});
