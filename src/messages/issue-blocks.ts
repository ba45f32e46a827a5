// An issue as posted in the cadence channel, with its buttons while it is open.
import type { ModalView } from "@slack/types";
import { MAX_NOTE_LENGTH } from "../domain/commands/issue-command";
import { distanceFromGoal, formatGoal } from "../domain/goal";
import type { Issue, Kpi, Seat } from "../domain/model";
import { sparkline } from "../domain/trend";
import { formatValue } from "../domain/units";
import type { IsoWeek } from "../domain/week";
import { ACTIONS, ISSUE_ACTIONS_BLOCK, RESOLVE_FORM, VIEWS } from "./ids";
import { BLOCK_KIT_LIMITS, context, escapeText, formatTypedText, formatTypedTextWithin, section, type Block } from "./limits";
import { resolveTodoInputs } from "./todo-blocks";
import { seatLabel } from "./setup-blocks";
import { killFacts, pilotIssueActions } from "./pilot-issue-blocks";

export interface IssueView {
  issue: Issue;
  kpi?: Kpi;
  seat?: Seat;
  /** The KPI's values over the trailing weeks, oldest first (null where none). */
  series?: { weeks: IsoWeek[]; values: (number | null)[] };
  /** For drift: weeks in a row off track, and this week's value. */
  weeksOff?: number;
  value?: number | null;
  now: Date;
}

// A note shares a context text (3,000 characters, counted escaped) with the state, date and people around it.
export const NOTE_SHOWN = 2500;

const SOURCE_ICON: Record<Issue["source"], string> = {
  manual: ":pushpin:",
  drift: ":chart_with_downwards_trend:",
  missing: ":grey_question:",
  kill: ":octagonal_sign:",
  gate: ":checkered_flag:",
  priority: ":dart:",
};

export function issueHeadline(issue: Issue): string {
  return `${SOURCE_ICON[issue.source]} *#${issue.id}* ${formatTypedText(issue.title)}`;
}

export function buildIssueMessage(view: IssueView): { text: string; blocks: Block[] } {
  const { issue } = view;
  const blocks: Block[] = [section(issueHeadline(issue))];
  const facts = issueFacts(view);
  if (facts.length > 0) blocks.push(section(facts.join("\n")));
  blocks.push(context(stateLine(issue)));
  if (issue.state === "open") blocks.push(pilotIssueActions(issue) ?? issueActions(issue.id));
  return { text: `#${issue.id} ${formatTypedText(issue.title)}`, blocks };
}

function issueFacts(view: IssueView): string[] {
  const { issue, kpi, seat } = view;
  const lines: string[] = [];
  if (seat) lines.push(`${seatLabel(seat)} · owner <@${seat.ownerId}>`);
  if (kpi && issue.source === "drift" && typeof view.value === "number") {
    const distance = distanceFromGoal(kpi.goal, view.value);
    const percent = distance.percent === null ? "" : ` (${distance.percent.toFixed(1)}%)`;
    // "Off by" means nothing for yes/no: the value and the goal say it all.
    const offBy = kpi.unit === "yes/no" ? "" : ` · off by ${formatValue(distance.absolute, kpi.unit)}${percent}`;
    lines.push(`*${escapeText(kpi.name)}*: ${formatValue(view.value, kpi.unit)} · goal ${formatGoal(kpi.goal, kpi.unit)}${offBy}`);
    const weeks = view.weeksOff ?? issue.weeks.length;
    lines.push(`Off track *${weeks} week${weeks === 1 ? "" : "s"}* in a row (since ${issue.weeks[0] ?? issue.week})`);
  }
  if (kpi && issue.source === "missing")
    lines.push(`*${escapeText(kpi.name)}*: no value for ${issue.week} by the deadline · goal ${formatGoal(kpi.goal, kpi.unit)}`);
  if (kpi && issue.source === "kill") lines.push(...killFacts(issue, kpi, view.value ?? null));
  if (view.series && kpi) lines.push(`Trend (${view.series.weeks.length} weeks): \`${sparkline(view.series.values)}\``);
  return lines;
}

function stateLine(issue: Issue): string {
  const assignee = issue.assigneeId ? ` · assigned to <@${issue.assigneeId}>` : "";
  if (issue.state === "open") return `Open · owner <@${issue.ownerId}>${assignee}`;
  const verb = issue.state === "resolved" ? ":white_check_mark: Resolved" : ":wastebasket: Dropped";
  const when = issue.closedAt ? ` <!date^${Math.floor(issue.closedAt.getTime() / 1000)}^{date_short_pretty} at {time}|${issue.closedAt.toISOString()}>` : "";
  const note = issue.resolutionNote ? ` — “${formatTypedTextWithin(issue.resolutionNote, NOTE_SHOWN)}”` : "";
  return `${verb} by <@${issue.closedBy}>${when}${note}${assignee}`;
}

export function issueActions(issueId: number): Block {
  return {
    type: "actions",
    block_id: ISSUE_ACTIONS_BLOCK.of(issueId),
    elements: [
      { type: "button", action_id: ACTIONS.resolveIssue, text: { type: "plain_text", text: "Resolve" }, style: "primary", value: String(issueId) },
      { type: "button", action_id: ACTIONS.dropIssue, text: { type: "plain_text", text: "Drop" }, value: String(issueId) },
      { type: "users_select", action_id: ACTIONS.assignIssue, placeholder: { type: "plain_text", text: "Assign…" } },
    ],
  };
}

export function buildResolveModal(issue: Issue, origin: { channelId?: string; messageTs?: string }): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.resolveIssue,
    private_metadata: JSON.stringify({ issueId: issue.id, ...origin }),
    title: { type: "plain_text", text: `Resolve #${issue.id}`.slice(0, BLOCK_KIT_LIMITS.modalTitle) },
    submit: { type: "plain_text", text: "Resolve" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(issueHeadline(issue)),
      {
        type: "input",
        block_id: RESOLVE_FORM.noteBlock,
        label: { type: "plain_text", text: "How was it resolved?" },
        element: { type: "plain_text_input", action_id: RESOLVE_FORM.noteAction, multiline: true, max_length: MAX_NOTE_LENGTH },
      },
      ...resolveTodoInputs(),
    ],
  };
}
