import { describe, expect, it } from "vitest";
import { isPastThreshold, pastTwoWeeksInARow } from "../../src/domain/kill";

describe("isPastThreshold", () => {
  it.each([
    ["<", 60, 59.9, true],
    ["<", 60, 60, false],
    ["<=", 60, 60, true],
    [">", 10, 10, false],
    [">", 10, 11, true],
    [">=", 10, 10, true],
    [">=", 10, 9, false],
  ] as const)("%s %d with %d: %s", (op, value, actual, past) => {
    expect(isPastThreshold({ op, value }, actual)).toBe(past);
  });
});

describe("pastTwoWeeksInARow", () => {
  it.each([
    [["2026-W47"], false],
    [["2026-W45", "2026-W47"], false],
    [["2026-W46", "2026-W47"], true],
    [["2025-W52", "2026-W01"], true],
  ])("%o: %s", (weeks, expected) => {
    expect(pastTwoWeeksInARow(weeks)).toBe(expected);
  });
});
