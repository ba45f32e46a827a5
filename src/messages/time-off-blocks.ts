// Time off in messages: the answers to `/cadence away|holiday` and `/scorecard away`, and the digest's lines.
import type { TimeOff } from "../domain/away";
import { describeWeek, type IsoWeek } from "../domain/week";
import { escapeText, formatTypedText, header, packLines, section } from "./limits";
import type { Reply } from "./reply";
import type { DigestMessages } from "./digest-blocks";

function whoIsOff(timeOff: TimeOff): string {
  return timeOff.userId ? `<@${timeOff.userId}> away` : `:palm_tree: Team holiday${timeOff.note ? ` *${escapeText(timeOff.note)}*` : ""}`;
}

function rangeText(timeOff: TimeOff): string {
  return timeOff.from === timeOff.to ? timeOff.from : `${timeOff.from} – ${timeOff.to}`;
}

/** What an added range means for the loop: which weeks are skipped, or that none is. */
function skippedWeeks(timeOff: TimeOff, weeks: IsoWeek[]): string {
  const who = timeOff.userId ? `<@${timeOff.userId}> is not asked for` : "No check-in, no issues and a one-line digest for";
  if (weeks.length === 0) {
    return timeOff.userId
      ? "It covers no whole week (Monday to Sunday), so they are still asked each week."
      : "It covers no whole week (Monday to Sunday), so the loop runs as usual.";
  }
  const listed = weeks.length <= 3 ? weeks.map(describeWeek).join(", ") : `${weeks.length} weeks, ${weeks[0]} to ${weeks[weeks.length - 1]}`;
  return `${who} ${listed}.`;
}

export function buildTimeOffAddedReply(timeOff: TimeOff, weeks: IsoWeek[]): Reply {
  const note = timeOff.userId && timeOff.note ? ` (“${formatTypedText(timeOff.note)}”)` : "";
  const text = `:calendar: ${whoIsOff(timeOff)} ${rangeText(timeOff)}${note}. ${skippedWeeks(timeOff, weeks)}`;
  return { text, blocks: [section(text)] };
}

export function buildTimeOffListReply(ranges: TimeOff[], today: string): Reply {
  if (ranges.length === 0) return { text: "No time off planned.", blocks: [section(`No one is away and no holiday is planned from ${today} on.`)] };
  const lines = ranges.map((range) => {
    const note = range.userId && range.note ? ` — “${formatTypedText(range.note)}”` : "";
    return `• ${whoIsOff(range)} ${rangeText(range)}${note}`;
  });
  return { text: `${ranges.length} time off`, blocks: [header(`Time off from ${today}`), ...packLines(lines).map((text) => section(text))] };
}

/** A team holiday week's digest: one line, nothing to rate. */
export function buildHolidayDigest(week: IsoWeek, names: string[]): DigestMessages {
  const name = names.length > 0 ? ` (${names.map(escapeText).join(", ")})` : "";
  const text = `:palm_tree: ${describeWeek(week)} was a team holiday${name}: no check-ins, no issues, no digest.`;
  return { main: { text, blocks: [section(text)] }, thread: [] };
}

export function awayLine(ownerId: string): string {
  return `:palm_tree: <@${ownerId}> · away all week, not asked`;
}
