// Property tests for reading KPI values (form fields, `/scorecard set`, goals) and check-in DM replies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_REPLY_CHARS, MAX_REPLY_LINES, parseCheckinReply, type ReplyKpi } from "../../src/domain/reply-parse";
import { formatValue, parseValue, UNITS, type Unit } from "../../src/domain/units";

// Shrinking a long failing text can take minutes; stop after a few seconds with the counterexample shrunk so far.
const RUNS = { numRuns: 2000, interruptAfterTimeLimit: 4_000 };
// parseNumber refuses magnitudes from 1e15 on: beyond that doubles stop holding whole cents.
const MAX_MAGNITUDE = 1e15;

/** Anything typed in a value field: any string, and strings made of the characters values are made of. */
const valueText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(..."0123456789.,:-+ %$€£¥hmrsinuteyoYN\t\n"), maxLength: 45 }),
  fc.constantFrom(
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "1e3",
    "0x10",
    "0b1",
    "1_000",
    "١٢٣",
    "１２",
    "½",
    "1,2,3",
    "1,,000",
    ".",
    "-",
    "+",
    "99999999999999999999",
    "-0",
    "1:60",
    "1:5",
    "99999999999999999999999999999999999:00",
    "1h 1h",
    "h",
    "m",
    "1.5.5",
    "yes",
    "YES",
    "y",
    "✅",
    ":x:",
    "not done",
    "true",
    "1",
    "0",
    "$",
    "-$5",
    "$-5",
    "€ 5",
    "5$",
    "%",
    "97 %",
    "97%%",
  ),
);

const unit = fc.constantFrom(...UNITS);

describe("parseValue", () => {
  it("never throws; a value is a finite number, an error a short single line", () => {
    const examples: [string, Unit][] = [["99999999999999999999999999999999999:00", "duration"]];
    fc.assert(
      fc.property(valueText, unit, (text, kind) => {
        const parsed = parseValue(text, kind);
        if (parsed.ok) {
          expect(Number.isFinite(parsed.value), `${JSON.stringify(text)} as ${kind}`).toBe(true);
          // Every path through the parser keeps to the same bound, or the digest shows `1e+34h`.
          expect(Math.abs(parsed.value), `${JSON.stringify(text)} as ${kind} gave ${parsed.value}`).toBeLessThan(MAX_MAGNITUDE);
        } else {
          expect(parsed.error.trim()).not.toBe("");
          expect(parsed.error.length).toBeLessThanOrEqual(150);
        }
      }),
      { ...RUNS, examples },
    );
  });

  it("reads yes/no as 1 or 0 only, and durations as never negative", () => {
    fc.assert(
      fc.property(valueText, (text) => {
        const yesNo = parseValue(text, "yes/no");
        if (yesNo.ok) expect([0, 1]).toContain(yesNo.value);
        const duration = parseValue(text, "duration");
        if (duration.ok) expect(duration.value).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("does not depend on surrounding whitespace", () => {
    fc.assert(
      fc.property(valueText, unit, fc.constantFrom(" ", "\t", "  \n"), (text, kind, pad) => {
        expect(parseValue(`${pad}${text}${pad}`, kind)).toEqual(parseValue(text, kind));
      }),
      RUNS,
    );
  });

  describe("reads back what formatValue shows, within its rounding", () => {
    const amount = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
    const cases: [Unit, fc.Arbitrary<number>, number][] = [
      ["number", amount, 0.005],
      ["percent", amount, 0.005],
      ["currency", amount, 0.005],
      // Durations are shown in whole minutes (after formatValue's rounding to hundredths) and are never negative.
      ["duration", fc.double({ min: 0, max: 1e9, noNaN: true }), 0.505],
      ["yes/no", fc.constantFrom(0, 1), 0],
    ];

    it.each(cases)("%s", (kind, values, tolerance) => {
      fc.assert(
        fc.property(values, (value) => {
          const shown = formatValue(value, kind);
          const parsed = parseValue(shown, kind);
          expect(parsed, `${value} shown as ${JSON.stringify(shown)}`).toMatchObject({ ok: true });
          if (parsed.ok)
            expect(Math.abs(parsed.value - value), `${value} shown as ${JSON.stringify(shown)} read as ${parsed.value}`).toBeLessThanOrEqual(
              tolerance + Math.abs(value) * 1e-12,
            );
        }),
        RUNS,
      );
    });

    it("integers up to 10^12 survive exactly in every numeric unit", () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom<Unit>("number", "percent", "currency"), (value, kind) => {
          expect(parseValue(formatValue(value, kind), kind)).toEqual({ ok: true, value });
        }),
        RUNS,
      );
    });
  });
});

// --- DM replies ------------------------------------------------------------------------------------------------

const kpiName = fc.oneof(
  fc.constantFrom("Revenue", "First response", "Shipped", "Tickets", "Resolution rate", "note", "Note", "1", "a: b", "Rate = x"),
  fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name.trim() !== "" && !/[\r\n]/.test(name)),
);

/** 1–6 KPIs with distinct ids and names, as an owner's check-in lists them. */
const ownerKpis: fc.Arbitrary<ReplyKpi[]> = fc
  .uniqueArray(fc.record({ name: kpiName, unit }), { minLength: 1, maxLength: 6, selector: (kpi) => kpi.name.trim().toLowerCase() })
  .map((kpis) => kpis.map((kpi, index) => ({ id: 100 + index * 7, name: kpi.name.trim(), unit: kpi.unit })));

/** A reply line: a value, `name: value`, a note, a bullet, noise. */
function replyLine(kpis: ReplyKpi[]): fc.Arbitrary<string> {
  const names = kpis.map((kpi) => kpi.name);
  return fc.oneof(
    valueText.map((text) => text.replace(/[\r\n]/g, " ")),
    fc
      .tuple(fc.constantFrom(...names, "Unknown KPI", "note", "NOTE"), fc.constantFrom(":", " = ", ": ", "="), valueText)
      .map(([name, sep, text]) => `${name}${sep}${text}`.replace(/[\r\n]/g, " ")),
    fc
      .tuple(fc.constantFrom("- ", "• ", "* ", ""), fc.constantFrom(...names), fc.constantFrom("42", "97%", "1h 30m", "yes", "$1,200", "1:30", "abc"))
      .map(([bullet, name, value]) => `${bullet}${name}: ${value}`),
    fc.constantFrom("", "   ", "1:30", "thanks!", "note: all good"),
  );
}

const reply = ownerKpis.chain((kpis) =>
  fc.tuple(
    fc.constant(kpis),
    fc.oneof(
      fc.array(replyLine(kpis), { maxLength: 10 }).chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol))),
      fc.string({ maxLength: 300 }),
      fc.string({ unit: "grapheme", maxLength: 100 }),
    ),
  ),
);

describe("parseCheckinReply", () => {
  it("never throws, and only gives values for the KPIs it was given, at most one each, all finite", () => {
    fc.assert(
      fc.property(reply, ([kpis, text]) => {
        const parsed = parseCheckinReply(text, kpis);
        const ids = parsed.values.map((value) => value.kpiId);
        expect(new Set(ids).size, "one value per KPI").toBe(ids.length);
        for (const { kpiId, value } of parsed.values) {
          expect(kpis.map((kpi) => kpi.id)).toContain(kpiId);
          expect(Number.isFinite(value)).toBe(true);
        }
        for (const problem of parsed.problems) expect(problem, "a problem is one bullet line").not.toMatch(/[\r\n]/);
      }),
      RUNS,
    );
  });

  it("gives each KPI the value its unit reads from the line it came from", () => {
    fc.assert(
      fc.property(reply, ([kpis, text]) => {
        const parsed = parseCheckinReply(text, kpis);
        const lines = text.split(/\r?\n/).map((line) => line.trim());
        for (const { kpiId, value } of parsed.values) {
          const kpi = kpis.find((candidate) => candidate.id === kpiId)!;
          // Some line, whole or after `<name>:`, reads as exactly this value in this KPI's unit.
          const readable = lines.some((line) => {
            const candidates = [line, line.replace(/^[-•*]?\s*.+?\s*[:=]\s*/, "")];
            return candidates.some((candidate) => {
              const read = parseValue(candidate, kpi.unit);
              return read.ok && read.value === value;
            });
          });
          expect(readable, `${kpi.name} = ${value} from ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("takes named values whatever their order, and positional ones in the listed order", () => {
    const numberKpis = fc
      .integer({ min: 1, max: 6 })
      .map((count) => Array.from({ length: count }, (_, index): ReplyKpi => ({ id: index + 1, name: `Metric ${index + 1}`, unit: "number" })));
    fc.assert(
      fc.property(
        numberKpis.chain((kpis) =>
          fc.tuple(fc.constant(kpis), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: kpis.length, maxLength: kpis.length }), fc.boolean()),
        ),
        ([kpis, values, named]) => {
          const order = named ? [...kpis].reverse() : kpis;
          const text = order.map((kpi) => (named ? `${kpi.name}: ${values[kpi.id - 1]}` : String(values[kpi.id - 1]))).join("\n");
          const parsed = parseCheckinReply(text, kpis);
          expect(parsed.problems).toEqual([]);
          expect(new Map(parsed.values.map((value) => [value.kpiId, value.value]))).toEqual(new Map(kpis.map((kpi) => [kpi.id, values[kpi.id - 1]])));
        },
      ),
      RUNS,
    );
  });

  it("refuses an oversized reply whole: no values, one problem", () => {
    const oversized = fc.oneof(
      fc.integer({ min: MAX_REPLY_LINES + 1, max: 1500 }).map((count) => Array.from({ length: count }, (_, index) => String(index)).join("\n")),
      fc.string({ minLength: MAX_REPLY_CHARS + 1, maxLength: MAX_REPLY_CHARS + 500 }),
    );
    fc.assert(
      fc.property(oversized, (text) => {
        const parsed = parseCheckinReply(text, [{ id: 1, name: "Tickets", unit: "number" }]);
        expect(parsed.values).toEqual([]);
        expect(parsed.problems).toHaveLength(1);
        expect(parsed.problems[0]).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 50, interruptAfterTimeLimit: 4_000 },
    );
  });

  // Runaway regex backtracking on these would take minutes and trip the test timeout; no wall-clock assertion.
  it("reads a 10,000-character single line without runaway backtracking", () => {
    const kpis: ReplyKpi[] = [{ id: 1, name: "Tickets", unit: "number" }];
    for (const text of [`a${" ".repeat(9_998)}b`, `a${" :".repeat(4_999)}`, "-".repeat(10_000), `x${"\t".repeat(9_990)}=`]) {
      const parsed = parseCheckinReply(text, kpis);
      expect(parsed.values.length + parsed.problems.length, JSON.stringify(text.slice(0, 10))).toBeGreaterThan(0);
    }
  }, 10_000);
});
