// The agent API's rules, on plain values: in-memory fakes stand in for the repositories and the entry service.
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { Entry, Kpi, Seat, SeatWithKpis } from "../../src/domain/model";
import type { StoredAnswer } from "../../src/repositories/idempotency-repository";
import { AgentEntryService, type AgentEntryDeps } from "../../src/services/agent-entry-service";
import type { BatchItem } from "../../src/services/entry-service";
import { hashToken, newToken } from "../../src/services/seat-tokens";

const NOW = new Date("2026-11-25T10:00:00Z"); // Wednesday of 2026-W48; the last completed week is 2026-W47.

const seat = (id: number, name: string, extra: Partial<Seat> = {}): Seat => ({
  id,
  name,
  kind: "agent",
  accountability: null,
  ownerId: "UOWNER",
  archivedAt: null,
  ...extra,
});
const kpi = (id: number, seatId: number, name: string, unit: Kpi["unit"], goal: Kpi["goal"]): Kpi => ({
  id,
  seatId,
  name,
  unit,
  goal,
  archivedAt: null,
  createdAt: NOW,
});

class Fakes {
  seats: SeatWithKpis[] = [
    {
      ...seat(1, "Triage agent"),
      kpis: [
        kpi(11, 1, "Tickets", "number", { op: ">=", a: 40 }),
        kpi(12, 1, "Resolution", "percent", { op: ">=", a: 85 }),
        kpi(13, 1, "First response", "duration", { op: "<=", a: 60 }),
      ],
    },
    { ...seat(2, "Invoice agent"), kpis: [kpi(21, 2, "Matched", "number", { op: ">=", a: 100 })] },
    { ...seat(3, "Finance", { kind: "human" }), kpis: [] },
    { ...seat(4, "Old agent", { archivedAt: NOW }), kpis: [] },
    { ...seat(5, "Retired agent", { stage: "retired" }), kpis: [] },
    { ...seat(6, "Paused agent", { stage: "paused" }), kpis: [] },
  ];
  hashes = new Map<number, string>();
  keys = new Map<string, StoredAnswer>();
  recorded: BatchItem[][] = [];
  history: Entry[] = [];

  deps(): AgentEntryDeps {
    const all = () => this.seats.flatMap((s) => s.kpis.map((k) => ({ kpi: k, seat: s })));
    return {
      tokens: {
        credentialsOf: async (seatId) => {
          const hash = this.hashes.get(seatId);
          const found = this.seats.find((s) => s.id === seatId);
          return hash && found ? { hash, seat: found } : undefined;
        },
      },
      idempotency: {
        find: async (seatId, key) => this.keys.get(`${seatId}:${key}`),
        // Runs inside recordBatch below, as the real one runs inside the entries' transaction.
        insertion: (seatId, key, stored) => async () => {
          if (this.keys.has(`${seatId}:${key}`)) throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
          this.keys.set(`${seatId}:${key}`, stored);
        },
        isKeyTaken: (error) => (error as { code?: string }).code === "P2002",
      },
      seats: {
        findActiveKpisByName: async (name) => all().filter((m) => !m.seat.archivedAt && m.kpi.name.toLowerCase() === name.trim().toLowerCase()),
      },
      entries: {
        recordBatch: async (items, input) => {
          await input.alsoWrite?.(undefined as never);
          this.recorded.push(items);
          return [];
        },
      },
      history: { forWeeks: async (kpiIds, weeks) => this.history.filter((e) => kpiIds.includes(e.kpiId) && weeks.includes(e.week)) },
      tz: "UTC",
    };
  }

  tokenFor(seatId: number): string {
    const token = newToken(seatId);
    this.hashes.set(seatId, hashToken(token));
    return token;
  }
}

let fakes: Fakes;
let service: AgentEntryService;
const triage = () => fakes.seats[0];

beforeEach(() => {
  fakes = new Fakes();
  service = new AgentEntryService(fakes.deps());
});

describe("authenticate", () => {
  it("knows a seat by its current token", async () => {
    const token = fakes.tokenFor(1);
    expect(await service.authenticate(token)).toMatchObject({ ok: true, value: { id: 1 } });
  });

  it.each([
    ["no token", () => undefined],
    ["not a Cadence token", () => "xoxb-123"],
    ["a made-up secret for a real seat", () => (fakes.tokenFor(1), newToken(1))],
    ["another seat's token under this seat's id", () => fakes.tokenFor(2).replace(/^cad_2_/, "cad_1_")],
    [
      "a token of a seat that has none any more (revoked)",
      () => {
        const token = fakes.tokenFor(1);
        fakes.hashes.delete(1);
        return token;
      },
    ],
    [
      "the earlier token after a rotation",
      () => {
        const earlier = fakes.tokenFor(1);
        fakes.tokenFor(1);
        return earlier;
      },
    ],
    ["a human seat's token", () => fakes.tokenFor(3)],
  ])("refuses %s with unauthorized", async (_name, token) => {
    expect(await service.authenticate(token())).toMatchObject({ ok: false, error: "unauthorized" });
  });

  it("looks a token up afresh before refusing it: the recent read may predate a rotation on another instance", async () => {
    const earlier = fakes.tokenFor(1);
    const current = fakes.tokenFor(1);
    const asked: boolean[] = [];
    const staleUnlessFresh = new AgentEntryService({
      ...fakes.deps(),
      tokens: {
        credentialsOf: async (seatId, options) => {
          asked.push(Boolean(options?.fresh));
          return { hash: options?.fresh ? fakes.hashes.get(seatId)! : hashToken(earlier), seat: triage() };
        },
      },
    });
    expect(await staleUnlessFresh.authenticate(current)).toMatchObject({ ok: true, value: { id: 1 } });
    expect(asked).toEqual([false, true]);
    expect(await staleUnlessFresh.authenticate(earlier)).toMatchObject({ ok: true }); // the recent read still holds it
    expect(asked).toEqual([false, true, false]);
  });

  it("refuses a retired (archived) seat's token with seat_retired", async () => {
    expect(await service.authenticate(fakes.tokenFor(4))).toMatchObject({ ok: false, error: "seat_retired" });
  });

  it("refuses an AI seat retired or paused by its stage: a stopped agent's numbers are not recorded", async () => {
    expect(await service.authenticate(fakes.tokenFor(5))).toMatchObject({ ok: false, error: "seat_retired", message: expect.stringContaining("retired") });
    expect(await service.authenticate(fakes.tokenFor(6))).toMatchObject({ ok: false, error: "seat_retired", message: expect.stringContaining("paused") });
  });
});

describe("record", () => {
  it("parses each value by its KPI's unit, defaults the week to the last completed one, and records all in one call", async () => {
    const result = await service.record(
      triage(),
      {
        entries: [
          { kpi: "tickets", value: 41 },
          { kpi: "Resolution", value: "97%", week: "2026-W46", note: " good " },
          { kpi: "First response", value: "1h 30m" },
        ],
      },
      undefined,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        replayed: false,
        answer: {
          entries: [
            { kpi: "Tickets", week: "2026-W47", value: "41", onTrack: true },
            { kpi: "Resolution", week: "2026-W46", value: "97%", onTrack: true },
            { kpi: "First response", week: "2026-W47", value: "1h 30m", onTrack: false },
          ],
        },
      },
    });
    expect(fakes.recorded).toHaveLength(1);
    expect(fakes.recorded[0].map((item) => [item.kpi.id, item.week, item.value, item.note])).toEqual([
      [11, "2026-W47", 41, null],
      [12, "2026-W46", 97, "good"],
      [13, "2026-W47", 90, null],
    ]);
  });

  it("accepts this week (it has started) but not next week", async () => {
    expect((await service.record(triage(), { kpi: "Tickets", value: 1, week: "2026-W48" }, undefined, NOW)).ok).toBe(true);
    expect(await service.record(triage(), { kpi: "Tickets", value: 1, week: "2026-W49" }, undefined, NOW)).toMatchObject({ ok: false, error: "future_week" });
  });

  const refusals: [string, unknown, string][] = [
    ["a KPI of another seat", { kpi: "Matched", value: 5 }, "kpi_of_another_seat"],
    ["a KPI of no seat", { kpi: "Nope", value: 5 }, "kpi_not_found"],
    ["a value that does not parse", { kpi: "Tickets", value: "lots" }, "invalid_value"],
    ["a percentage for a duration", { kpi: "First response", value: "97%" }, "invalid_value"],
    ["a week that does not exist", { kpi: "Tickets", value: 1, week: "2026-W54" }, "invalid_week"],
    ["a week written otherwise", { kpi: "Tickets", value: 1, week: "W47" }, "invalid_body"],
    ["an unknown field", { kpi: "Tickets", value: 1, extra: true }, "invalid_body"],
    ["no value", { kpi: "Tickets" }, "invalid_body"],
    ["an empty list", { entries: [] }, "invalid_body"],
    ["101 entries", { entries: Array.from({ length: 101 }, () => ({ kpi: "Tickets", value: 1 })) }, "invalid_body"],
    [
      "the same KPI and week twice",
      {
        entries: [
          { kpi: "Tickets", value: 1 },
          { kpi: "tickets", value: 2, week: "2026-W47" },
        ],
      },
      "invalid_body",
    ],
    ["a JSON array", [{ kpi: "Tickets", value: 1 }], "invalid_body"],
    ["null", null, "invalid_body"],
  ];
  it.each(refusals)("refuses %s and records nothing", async (_name, body, error) => {
    expect(await service.record(triage(), body, undefined, NOW)).toMatchObject({ ok: false, error });
    expect(fakes.recorded).toEqual([]);
  });

  it("records nothing of a list when one entry is bad (all or nothing)", async () => {
    const result = await service.record(
      triage(),
      {
        entries: [
          { kpi: "Tickets", value: 41 },
          { kpi: "Resolution", value: "lots" },
        ],
      },
      "k1",
      NOW,
    );
    expect(result).toMatchObject({ ok: false, error: "invalid_value", message: expect.stringContaining("Resolution") });
    expect(fakes.recorded).toEqual([]);
    expect(fakes.keys.size).toBe(0);
  });
});

describe("Idempotency-Key", () => {
  const body = { kpi: "Tickets", value: 41 };

  it("answers a repeat with the same body with the first answer, recording once", async () => {
    const first = await service.record(triage(), body, "key-1", NOW);
    const again = await service.record(triage(), { ...body }, "key-1", NOW);
    expect(again).toEqual({ ok: true, value: { answer: first.ok && first.value.answer, replayed: true } });
    expect(fakes.recorded).toHaveLength(1);
  });

  it("refuses the key with another body, recording nothing more", async () => {
    await service.record(triage(), body, "key-1", NOW);
    expect(await service.record(triage(), { kpi: "Tickets", value: 42 }, "key-1", NOW)).toMatchObject({ ok: false, error: "idempotency_conflict" });
    expect(fakes.recorded).toHaveLength(1);
  });

  it("keeps keys per seat: another seat may use the same key", async () => {
    await service.record(triage(), body, "key-1", NOW);
    expect(await service.record(fakes.seats[1], { kpi: "Matched", value: 3 }, "key-1", NOW)).toMatchObject({ ok: true, value: { replayed: false } });
  });

  it("keeps no key when recording fails, so a retry can record", async () => {
    const failing = new AgentEntryService({ ...fakes.deps(), entries: { recordBatch: async () => Promise.reject(new Error("disk full")) } });
    await expect(failing.record(triage(), body, "key-1", NOW)).rejects.toThrow("disk full");
    expect(fakes.keys.size).toBe(0);
    expect(await service.record(triage(), body, "key-1", NOW)).toMatchObject({ ok: true, value: { replayed: false } });
  });

  it("of two requests racing with one key, the loser records nothing and gets the winner's answer or a conflict", async () => {
    // Both pass the first look-up before either has written: the key's unique index decides.
    const [same, other] = await Promise.all([service.record(triage(), body, "race", NOW), service.record(triage(), body, "race", NOW)]).then(
      async (first) =>
        [
          first,
          await Promise.all([service.record(triage(), body, "race-2", NOW), service.record(triage(), { kpi: "Tickets", value: 50 }, "race-2", NOW)]),
        ] as const,
    );
    expect(same.map((result) => result.ok && result.value.replayed).sort()).toEqual([false, true]);
    expect(other.map((result) => (result.ok ? "recorded" : result.error)).sort()).toEqual(["idempotency_conflict", "recorded"]);
    expect(fakes.recorded).toHaveLength(2);
  });

  it("refuses an empty or overlong key", async () => {
    expect(await service.record(triage(), body, "", NOW)).toMatchObject({ ok: false, error: "invalid_body" });
    expect(await service.record(triage(), body, "k".repeat(256), NOW)).toMatchObject({ ok: false, error: "invalid_body" });
    expect(fakes.recorded).toEqual([]);
  });
});

describe("describe", () => {
  it("lists the seat's KPIs with unit, goal and 13 weeks, marking the agent's values confirmed or not", async () => {
    fakes.history = [
      { kpiId: 11, week: "2026-W47", value: 41, note: null, source: "agent", enteredBy: "agent:1", enteredAt: NOW, confirmedAt: null },
      { kpiId: 11, week: "2026-W46", value: 30, note: null, source: "agent", enteredBy: "agent:1", enteredAt: NOW, confirmedAt: NOW },
      { kpiId: 12, week: "2026-W47", value: 80, note: null, source: "dm", enteredBy: "UOWNER", enteredAt: NOW },
    ];
    const answer = await service.describe(triage(), NOW);
    expect(answer.seat).toEqual({ name: "Triage agent", kind: "agent", ownerId: "UOWNER", accountability: null, stage: "pilot" });
    expect(answer.kpis.map((k) => [k.name, k.unit, k.goal, k.weeks.length])).toEqual([
      ["Tickets", "number", "≥ 40", 13],
      ["Resolution", "percent", "≥ 85%", 13],
      ["First response", "duration", "≤ 1h", 13],
    ]);
    expect(answer.kpis[0].weeks.slice(-2)).toEqual([
      { week: "2026-W46", value: "30", onTrack: false, source: "agent", confirmed: true },
      { week: "2026-W47", value: "41", onTrack: true, source: "agent", confirmed: false },
    ]);
    expect(answer.kpis[1].weeks.at(-1)).toEqual({ week: "2026-W47", value: "80%", onTrack: false, source: "dm", confirmed: null });
    expect(answer.kpis[0].weeks[0]).toEqual({ week: "2026-W35", value: null, onTrack: null, source: null, confirmed: null });
  });
});

describe("any body an agent can send", () => {
  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const entryLike = fc.record(
    {
      kpi: fc.oneof(fc.constantFrom("Tickets", "resolution", "First response", "Matched", "Nope", ""), fc.string()),
      value: fc.oneof(fc.integer(), fc.double(), fc.constantFrom("97%", "1h 30m", "yes", "", "lots", "1e999", "NaN"), fc.string(), jsonValue),
      week: fc.oneof(fc.constantFrom("2026-W47", "2026-W48", "2026-W49", "2026-W54", "2026-W00", "2026-w47"), fc.string(), jsonValue),
      note: fc.oneof(fc.string({ maxLength: 600 }), jsonValue),
      extra: jsonValue,
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(entryLike, fc.record({ entries: fc.array(entryLike, { maxLength: 5 }) }), fc.record({ entries: jsonValue }), jsonValue);

  it("gets an answer or a coded refusal, never throws, and records only when the answer is yes", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        fakes.recorded = [];
        const result = await service.record(triage(), input, undefined, NOW);
        if (result.ok) {
          expect(fakes.recorded).toHaveLength(1);
          expect(result.value.answer.entries).toHaveLength(fakes.recorded[0].length);
        } else {
          expect(["invalid_body", "invalid_value", "invalid_week", "future_week", "kpi_not_found", "kpi_of_another_seat"]).toContain(result.error);
          expect(result.message.length).toBeGreaterThan(0);
          expect(fakes.recorded).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
