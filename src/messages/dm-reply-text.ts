// Cadence's answer to a DM reply: what it recorded and what it could not read.
import { formatValue } from "../domain/units";
import type { Entry, Kpi } from "../domain/model";
import type { IsoWeek } from "../domain/week";
import { escapeExceptMentions, escapeText } from "./limits";

/** What became of an owner's DM reply: the view model of Cadence's answer. */
export type DmReplyOutcome =
  | { kind: "no-checkin" }
  | { kind: "no-kpis" }
  | { kind: "refused"; reason: string }
  | { kind: "read"; week: IsoWeek; recorded: { kpi: Kpi; entry: Entry }[]; problems: string[]; kpis: Kpi[] };

export function buildDmReplyText(outcome: DmReplyOutcome): string {
  switch (outcome.kind) {
    case "no-checkin":
      return 'I have no check-in open for you. Numbers can also be set with `/scorecard set "&lt;kpi&gt;" &lt;value&gt;`.';
    case "no-kpis":
      return "Your seats have no active KPIs, so there is nothing to record.";
    case "refused":
      return `:warning: ${escapeExceptMentions(outcome.reason)}`;
    case "read": {
      const order = outcome.kpis.map((kpi) => escapeText(kpi.name)).join(", ");
      const lines: string[] = [];
      if (outcome.recorded.length > 0) {
        lines.push(`:white_check_mark: Recorded for ${outcome.week}:`);
        for (const { kpi, entry } of outcome.recorded) lines.push(`• ${escapeText(kpi.name)}: ${formatValue(entry.value, kpi.unit)}`);
      }
      if (outcome.problems.length > 0) {
        lines.push(
          outcome.recorded.length > 0 ? ":warning: I could not read:" : `:warning: I could not read your reply for ${outcome.week}, so nothing was recorded:`,
        );
        for (const problem of outcome.problems) lines.push(`• ${escapeText(problem)}`);
        lines.push(`Your KPIs, in order: ${order}.`);
      }
      return lines.length > 0 ? lines.join("\n") : `Send one value per line for ${outcome.week}, in this order: ${order}.`;
    }
  }
}
