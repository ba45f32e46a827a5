// KPI units and how their values are read from people and shown back to them.
import { excerpt } from "./excerpt";
export const UNITS = ["number", "percent", "currency", "duration", "yes/no"] as const;
export type Unit = (typeof UNITS)[number];

const UNIT_ALIASES: Record<string, Unit> = {
  number: "number",
  count: "number",
  percent: "percent",
  "%": "percent",
  pct: "percent",
  currency: "currency",
  money: "currency",
  duration: "duration",
  time: "duration",
  "yes/no": "yes/no",
  yesno: "yes/no",
  boolean: "yes/no",
};

export function parseUnit(text: string): Unit | undefined {
  return UNIT_ALIASES[text.trim().toLowerCase()];
}

export type ParsedValue = { ok: true; value: number } | { ok: false; error: string };

const MAX_VALUE_LENGTH = 40;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A number as people type it: `3.5`, `-2`, `1,234.5`. Refuses `1,2,3`, `NaN`, `1e999`. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (PLAIN_NUMBER.test(trimmed)) return finite(Number(trimmed));
  if (GROUPED_NUMBER.test(trimmed)) return finite(Number(trimmed.replace(/,/g, "")));
  return undefined;
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : undefined;
}

const YES = new Set(["yes", "y", "true", "1", "done", "✅", ":white_check_mark:"]);
const NO = new Set(["no", "n", "false", "0", "not done", "❌", ":x:"]);

/** Durations are stored in minutes: `1h 30m`, `90m`, `1.5h`, `45` (minutes), `1:30`. */
export function parseDuration(text: string): number | undefined {
  // "4 2" is two numbers, not 42 minutes: only spaces next to a unit word may be dropped.
  if (/\d\s+\d/.test(text)) return undefined;
  const compact = text.trim().toLowerCase().replace(/\s+/g, "");
  const clock = /^(\d+):([0-5]\d)$/.exec(compact);
  if (clock) return finite(Number(clock[1]) * 60 + Number(clock[2]));
  // A duration is never negative.
  const bare = parseNumber(compact);
  if (bare !== undefined) return bare >= 0 ? bare : undefined;
  const match = /^(?:(\d+(?:\.\d+)?)(?:h|hr|hrs|hours?))?(?:(\d+(?:\.\d+)?)(?:m|min|mins|minutes?))?$/.exec(compact);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  return finite(Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0));
}

const EXPECTED: Record<Unit, string> = {
  number: "a number such as 42 or 3.5",
  percent: "a percentage such as 97 or 97%",
  currency: "an amount such as 1200 or $1,200.50",
  duration: "a duration such as 1h 30m, 90m or 1.5h",
  "yes/no": "yes or no",
};

export function expectedValue(unit: Unit): string {
  return EXPECTED[unit];
}

/** Reads one value typed for a KPI of `unit`; the error says what was expected. */
export function parseValue(text: string, unit: Unit): ParsedValue {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: `a value is required: ${EXPECTED[unit]}` };
  if (trimmed.length > MAX_VALUE_LENGTH) return { ok: false, error: `too long: ${EXPECTED[unit]}` };
  const value = readByUnit(trimmed, unit);
  if (value === undefined) return { ok: false, error: `"${excerpt(trimmed)}" is not ${EXPECTED[unit]}` };
  return { ok: true, value };
}

function readByUnit(text: string, unit: Unit): number | undefined {
  switch (unit) {
    case "number":
      return parseNumber(text);
    case "percent":
      return parseNumber(text.replace(/\s*%$/, ""));
    case "currency":
      // $ € £ ¥, written as escapes: tools/build.mjs keeps the bundle one byte a character.
      return parseNumber(text.replace(/^([+-]?)\s*[$\u20AC\u00A3\u00A5]\s*/, "$1"));
    case "duration":
      return parseDuration(text);
    case "yes/no": {
      const lower = text.toLowerCase();
      if (YES.has(lower)) return 1;
      if (NO.has(lower)) return 0;
      return undefined;
    }
  }
}

/** A value as people read it: `97%`, `$1,200`, `1h 30m`, `yes`. */
export function formatValue(raw: number, unit: Unit): string {
  // Round to what is shown first, so -0.001 reads "0", not "-0".
  const value = Math.round(raw * 100) / 100 || 0;
  switch (unit) {
    case "percent":
      return `${trimNumber(value)}%`;
    case "currency":
      return `${value < 0 ? "-" : ""}$${(Number.isInteger(value) ? WHOLE_AMOUNT : CENTS).format(Math.abs(value))}`;
    case "duration":
      return formatMinutes(value);
    case "yes/no":
      return value >= 0.5 ? "yes" : "no";
    default:
      return trimNumber(value);
  }
}

// Built once: toLocaleString builds a formatter on every call, which dominated rendering a large scorecard.
const UP_TO_TWO_DECIMALS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const WHOLE_AMOUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function trimNumber(value: number): string {
  return UP_TO_TWO_DECIMALS.format(value);
}

function formatMinutes(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? "-" : "";
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest}m`;
  return rest === 0 ? `${sign}${hours}h` : `${sign}${hours}h ${rest}m`;
}
