import { describe, expect, it } from "vitest";
import { expectedValue, formatValue, parseNumber, parseUnit, parseValue, UNITS, type Unit } from "../../src/domain/units";

describe("parseValue: accepted", () => {
  const accepted: Array<[Unit, string, number]> = [
    ["number", "42", 42],
    ["number", "3.5", 3.5],
    ["number", "-2", -2],
    ["number", "+7", 7],
    ["number", ".5", 0.5],
    ["number", "0", 0],
    ["number", " 12 ", 12],
    ["number", "1,234.5", 1234.5],
    ["number", "1,234,567", 1234567],
    ["number", "999999999999999", 999999999999999],
    ["percent", "97", 97],
    ["percent", "97%", 97],
    ["percent", "97 %", 97],
    ["percent", "99.95%", 99.95],
    ["percent", "0%", 0],
    ["percent", "-3%", -3],
    ["currency", "1200", 1200],
    ["currency", "$1,200.50", 1200.5],
    ["currency", "$1200", 1200],
    ["currency", "$ 15", 15],
    ["currency", "-$5", -5],
    ["currency", "$-5", -5],
    ["currency", "€20", 20],
    ["currency", "£7.25", 7.25],
    ["duration", "1h 30m", 90],
    ["duration", "1h30m", 90],
    ["duration", "90m", 90],
    ["duration", "1.5h", 90],
    ["duration", "2h", 120],
    ["duration", "45", 45],
    ["duration", "1:30", 90],
    ["duration", "0:05", 5],
    ["duration", "1hr", 60],
    ["duration", "2 hours", 120],
    ["duration", "30 minutes", 30],
    ["duration", "30min", 30],
    ["yes/no", "yes", 1],
    ["yes/no", "Yes", 1],
    ["yes/no", "Y", 1],
    ["yes/no", "true", 1],
    ["yes/no", "1", 1],
    ["yes/no", "done", 1],
    ["yes/no", "✅", 1],
    ["yes/no", ":white_check_mark:", 1],
    ["yes/no", "no", 0],
    ["yes/no", "NO", 0],
    ["yes/no", "n", 0],
    ["yes/no", "false", 0],
    ["yes/no", "0", 0],
    ["yes/no", "not done", 0],
    ["yes/no", "❌", 0],
    ["yes/no", ":x:", 0],
  ];

  it.each(accepted)("%s: %j → %d", (unit, text, value) => {
    expect(parseValue(text, unit)).toEqual({ ok: true, value });
  });
});

describe("parseValue: refused", () => {
  // Inputs that no unit accepts.
  const refusedByAll = ["abc", "1,2,3", "NaN", "1e999", "1e3", "Infinity", "-Infinity", "maybe", "0x10", "1.", "12,34", "1000000000000000"];
  const refused: Array<[Unit, string]> = [
    ...UNITS.flatMap((unit) => refusedByAll.map((text): [Unit, string] => [unit, text])),
    ["number", "97%"],
    ["number", "$1,200.50"],
    ["number", "1h 30m"],
    ["number", "90m"],
    ["number", "1.5h"],
    ["number", "yes"],
    ["number", "no"],
    ["percent", "$1,200.50"],
    ["percent", "90m"],
    ["percent", "yes"],
    ["currency", "97%"],
    ["currency", "1h 30m"],
    ["currency", "no"],
    ["duration", "97%"],
    ["duration", "$1,200.50"],
    ["duration", "yes"],
    ["duration", "1:75"],
    ["duration", "-1h"],
    ["duration", "2h30"],
    ["yes/no", "97%"],
    ["yes/no", "$1,200.50"],
    ["yes/no", "1h 30m"],
    ["yes/no", "90m"],
    ["yes/no", "1.5h"],
    ["yes/no", "2"],
    ["yes/no", "0.5"],
  ];

  it.each(refused)("%s: %j", (unit, text) => {
    const parsed = parseValue(text, unit);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(`"${text.trim()}" is not`);
      expect(parsed.error).toContain(expectedValue(unit));
    }
  });

  it.each(UNITS.flatMap((unit) => ["", "   "].map((text): [Unit, string] => [unit, text])))("%s: empty %j says a value is required", (unit, text) => {
    expect(parseValue(text, unit)).toEqual({ ok: false, error: `a value is required: ${expectedValue(unit)}` });
  });

  it.each(UNITS)("%s: more than 40 characters is too long", (unit) => {
    expect(parseValue("1".repeat(41), unit)).toEqual({ ok: false, error: `too long: ${expectedValue(unit)}` });
  });
});

describe("parseNumber", () => {
  it.each([
    ["3.5", 3.5],
    ["-2", -2],
    ["1,234.5", 1234.5],
    ["abc", undefined],
    ["1,2,3", undefined],
    ["NaN", undefined],
    ["1e999", undefined],
    ["Infinity", undefined],
    ["", undefined],
  ] as const)("%j → %s", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});

describe("parseUnit", () => {
  it.each([
    ["number", "number"],
    ["count", "number"],
    ["Percent", "percent"],
    ["%", "percent"],
    ["pct", "percent"],
    ["currency", "currency"],
    ["money", "currency"],
    ["duration", "duration"],
    ["time", "duration"],
    ["yes/no", "yes/no"],
    ["yesno", "yes/no"],
    ["boolean", "yes/no"],
    [" NUMBER ", "number"],
    ["kg", undefined],
    ["", undefined],
  ] as const)("%j → %s", (text, unit) => {
    expect(parseUnit(text)).toBe(unit);
  });
});

describe("formatValue", () => {
  const scenarios: Array<[Unit, number, string]> = [
    ["number", 42, "42"],
    ["number", 3.5, "3.5"],
    ["number", 0, "0"],
    ["number", -2, "-2"],
    ["number", 1234567.891, "1,234,567.89"],
    ["percent", 97, "97%"],
    ["percent", 97.456, "97.46%"],
    ["percent", 0, "0%"],
    ["currency", 1200, "$1,200"],
    ["currency", -5, "-$5"],
    ["currency", 0, "$0"],
    ["currency", 1200.25, "$1,200.25"],
    ["duration", 90, "1h 30m"],
    ["duration", 60, "1h"],
    ["duration", 45, "45m"],
    ["duration", 0, "0m"],
    ["duration", -90, "-1h 30m"],
    ["duration", 89.6, "1h 30m"],
    ["duration", 1500, "25h"],
    ["yes/no", 1, "yes"],
    ["yes/no", 0, "no"],
  ];

  it.each(scenarios)("%s: %d → %j", (unit, value, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  // What people type, read back and shown again, is stable.
  it.each([
    ["number", "1,234.5"],
    ["percent", "97%"],
    ["currency", "$1,200"],
    ["duration", "1h 30m"],
    ["duration", "45m"],
    ["yes/no", "yes"],
    ["yes/no", "no"],
  ] as const)("%s: %j round-trips", (unit, text) => {
    const parsed = parseValue(text, unit);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatValue(parsed.value, unit)).toBe(text);
  });
});
