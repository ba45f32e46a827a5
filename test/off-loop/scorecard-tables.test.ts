import { describe, expect, it } from "vitest";
import type { SeatWithKpis } from "../../src/domain/model";
import type { ScorecardData } from "../../src/domain/scorecard";
import { trailingWeeks } from "../../src/domain/week";
import type { ScorecardValue } from "../../src/repositories/entry-repository";
import { AGENT_VALUES_SHOW_WITHIN_MS, ScorecardTables } from "../../src/off-loop/scorecard-tables";

const WEEK = "2026-W47";
const WEEKS = 4;
const TTL_MS = 2_000;

/**
 * A database of one KPI's values by week, whose reads the test can hold and release. A read sees the values
 * stored when it began, as a statement would.
 */
function fakeDatabase() {
  const stored = new Map<string, number>(trailingWeeks(WEEK, WEEKS).map((week) => [week, 1]));
  let seatName = "Support";
  const reads: string[] = [];
  const held: (() => void)[] = [];
  let holding = false;
  let failNext = false;
  const answer = <T>(value: T): Promise<T> =>
    new Promise((resolve, reject) => {
      const failing = failNext;
      failNext = false;
      const settle = () => (failing ? reject(new Error("database is locked")) : resolve(value));
      if (holding) held.push(settle);
      else setImmediate(settle);
    });
  return {
    reads,
    seats: {
      listSeats: () => {
        reads.push("seats");
        return answer([{ id: 1, name: seatName, kpis: [{ id: 7, name: "CSAT" }] } as unknown as SeatWithKpis]);
      },
    },
    entries: {
      scorecardValues: (week: string) => {
        reads.push(week);
        const value = stored.get(week);
        const rows: ScorecardValue[] = value === undefined ? [] : [{ kpiId: 7, week, value, source: "form", confirmedAt: null, agentValue: null }];
        return answer(rows);
      },
    },
    write: (week: string, value: number) => stored.set(week, value),
    renameSeat: (name: string) => {
      seatName = name;
    },
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const settle of held.splice(0)) settle();
    },
    failNextRead: () => {
      failNext = true;
    },
  };
}

/** The table as text: the seat and the KPI's value in each week, oldest first. */
function build(data: ScorecardData): string {
  const values = data.weeks.map((week) => data.values.get(7)?.get(week) ?? "-");
  return `${data.seats.map((seat) => seat.name).join(",")}: ${values.join(" ")}`;
}

function tablesOver(database: ReturnType<typeof fakeDatabase>) {
  let now = 0;
  let builds = 0;
  const tables = new ScorecardTables({
    seats: database.seats,
    entries: database.entries,
    build: (data) => {
      builds += 1;
      return build(data);
    },
    weekCount: WEEKS,
    ttlMs: TTL_MS,
    monotonicNow: () => now,
  });
  return { tables, builds: () => builds, advance: (ms: number) => void (now += ms) };
}

const readsOf = (reads: string[], what: string) => reads.filter((read) => read === what).length;
const lastWeek = trailingWeeks(WEEK, WEEKS)[WEEKS - 2];

describe("ScorecardTables", () => {
  it("reads and builds a week's table once for callers asking together and for those asking later", async () => {
    const database = fakeDatabase();
    const { tables, builds } = tablesOver(database);
    const together = await Promise.all(Array.from({ length: 20 }, () => tables.table(WEEK)));
    const later = await tables.table(WEEK);
    expect(new Set([...together, later])).toEqual(new Set(["Support: 1 1 1 1"]));
    expect(database.reads).toHaveLength(1 + WEEKS);
    expect(builds()).toBe(1);
  });

  it("reads again only the week whose values were written, and shows them", async () => {
    const database = fakeDatabase();
    const { tables, builds } = tablesOver(database);
    await tables.table(WEEK);
    database.write(lastWeek, 5);
    tables.valuesChanged([lastWeek]);
    expect(await tables.table(WEEK)).toBe("Support: 1 1 5 1");
    expect(readsOf(database.reads, lastWeek)).toBe(2);
    expect(readsOf(database.reads, WEEK)).toBe(1);
    expect(readsOf(database.reads, "seats")).toBe(1);
    expect(builds()).toBe(2);
  });

  it("keeps a table when values of a week it does not show were written", async () => {
    const database = fakeDatabase();
    const { tables, builds } = tablesOver(database);
    await tables.table(WEEK);
    tables.valuesChanged(["2026-W48"]);
    await tables.table(WEEK);
    expect(database.reads).toHaveLength(1 + WEEKS);
    expect(builds()).toBe(1);
  });

  it("reads the seats again, and no week, when seats or KPIs changed", async () => {
    const database = fakeDatabase();
    const { tables } = tablesOver(database);
    await tables.table(WEEK);
    database.renameSeat("Care");
    tables.seatsChanged();
    expect(await tables.table(WEEK)).toBe("Care: 1 1 1 1");
    expect(readsOf(database.reads, "seats")).toBe(2);
    expect(database.reads).toHaveLength(2 + WEEKS);
  });

  it("reads everything again once its reads are older than the limit, for what other instances wrote", async () => {
    const database = fakeDatabase();
    const { tables, advance } = tablesOver(database);
    await tables.table(WEEK);
    database.write(WEEK, 9); // on another instance: nobody tells this one
    advance(TTL_MS - 1);
    expect(await tables.table(WEEK)).toBe("Support: 1 1 1 1");
    advance(1);
    expect(await tables.table(WEEK)).toBe("Support: 1 1 1 9");
    expect(database.reads).toHaveLength(2 * (1 + WEEKS));
  });

  it("shows an agent's values within a second, reading their week once however many the agent sends", async () => {
    const database = fakeDatabase();
    const { tables, advance } = tablesOver(database);
    await tables.table(WEEK);
    for (let value = 2; value <= 6; value += 1) {
      database.write(WEEK, value);
      tables.valuesChanged([WEEK], "agent");
      advance(100);
      expect(await tables.table(WEEK)).toBe("Support: 1 1 1 1");
    }
    advance(AGENT_VALUES_SHOW_WITHIN_MS - 500);
    expect(await tables.table(WEEK)).toBe("Support: 1 1 1 6");
    expect(readsOf(database.reads, WEEK)).toBe(2);
    // A person's value right after shows at once.
    database.write(WEEK, 7);
    tables.valuesChanged([WEEK]);
    expect(await tables.table(WEEK)).toBe("Support: 1 1 1 7");
  });

  it("never gives a caller a read that began before a change it was told of", async () => {
    const database = fakeDatabase();
    const { tables } = tablesOver(database);
    database.hold();
    const before = tables.table(WEEK);
    database.write(WEEK, 3);
    tables.valuesChanged([WEEK]);
    const after = tables.table(WEEK);
    database.release();
    expect(await before).toBe("Support: 1 1 1 1");
    expect(await after).toBe("Support: 1 1 1 3");
  });

  it("fails the callers of a failed read and reads afresh for the next", async () => {
    const database = fakeDatabase();
    const { tables } = tablesOver(database);
    database.failNextRead();
    const failed = Promise.all([tables.table(WEEK), tables.table(WEEK)]);
    await expect(failed).rejects.toThrow("database is locked");
    expect(await tables.table(WEEK)).toBe("Support: 1 1 1 1");
    expect(readsOf(database.reads, "seats")).toBe(2);
  });
});
