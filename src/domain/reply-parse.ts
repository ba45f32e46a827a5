// Reads an owner's DM reply to a check-in: one value per line, in the listed order or as `<kpi>: <value>`.
import { parseValue, type Unit } from "./units";

export interface ReplyKpi {
  id: number;
  name: string;
  unit: Unit;
}

export interface ParsedReply {
  values: { kpiId: number; value: number }[];
  note: string | null;
  problems: string[];
}

export const MAX_REPLY_LINES = 200;
export const MAX_REPLY_CHARS = 10_000;

/** Why a reply is refused whole before reading it (too long), or undefined. */
export function replySizeProblem(text: string): string | undefined {
  if (text.length > MAX_REPLY_CHARS) return `the reply is longer than ${MAX_REPLY_CHARS} characters; send one value per line`;
  const lineCount = text.split(/\r?\n/).filter((line) => line.trim() !== "").length;
  if (lineCount > MAX_REPLY_LINES) return `the reply has ${lineCount} lines; send at most one line per KPI`;
  return undefined;
}

/** `asked`: the KPIs unnamed lines go to, in order (default all; without those the agent already reported). */
export function parseCheckinReply(text: string, kpis: ReplyKpi[], asked: ReplyKpi[] = kpis): ParsedReply {
  const tooBig = replySizeProblem(text);
  if (tooBig) return refuseWhole(tooBig);
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const byName = new Map(kpis.map((kpi) => [kpi.name.toLowerCase(), kpi]));
  const values = new Map<number, number>();
  const problems: string[] = [];
  let note: string | null = null;
  // Only unnamed lines take the next KPI in order; `name: value` and `note:` lines do not use up a position.
  let position = 0;
  lines.forEach((line, index) => {
    // A list marker first (- • *), the bullet written as an escape: tools/build.mjs keeps the bundle one byte a character.
    const named = /^[-\u2022*]?\s*(.+?)\s*[:=]\s*(.*)$/.exec(line);
    if (named && named[1].toLowerCase() === "note") {
      note = named[2].slice(0, 500) || null;
      return;
    }
    const kpi = named ? byName.get(named[1].toLowerCase()) : undefined;
    if (named && !kpi && !positionalValueLooksLike(line)) {
      problems.push(`"${truncate(named[1])}" is not one of your KPIs`);
      return;
    }
    const target = kpi ?? asked[position++];
    if (!target) {
      problems.push(`line ${index + 1} ("${truncate(line)}") has no KPI to go with it: you have ${asked.length}`);
      return;
    }
    const parsed = parseValue(kpi && named ? named[2] : line, target.unit);
    if (!parsed.ok) problems.push(`${target.name}: ${parsed.error}`);
    else values.set(target.id, parsed.value);
  });
  return { values: [...values].map(([kpiId, value]) => ({ kpiId, value })), note, problems };
}

// `1:30` is a duration, not "KPI named 1".
function positionalValueLooksLike(line: string): boolean {
  return /^\d+:\d{2}$/.test(line);
}

function refuseWhole(problem: string): ParsedReply {
  return { values: [], note: null, problems: [problem] };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
