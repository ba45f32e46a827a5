// What a `kill` or `gate` issue's post adds: its facts, and its buttons instead of Resolve / Drop / Assign.
import type { Button } from "@slack/types";
import type { Issue, Kpi } from "../domain/model";
import { pastTwoWeeksInARow } from "../domain/kill";
import { formatValue } from "../domain/units";
import { ACTIONS, ISSUE_ACTIONS_BLOCK } from "./ids";
import { escapeText, type Block } from "./limits";

export function killFacts(issue: Issue, kpi: Kpi, value: number | null): string[] {
  const lines = [
    `*${escapeText(kpi.name)}*${value === null ? "" : `: ${formatValue(value, kpi.unit)}`} is past its kill threshold (${issue.weeks.join(", ")})`,
  ];
  if (pastTwoWeeksInARow(issue.weeks)) lines.push(':warning: Past it *2 weeks in a row*: retire the seat? (`/cadence seat stage "<seat>" retired`)');
  else lines.push("*Pause* stops the agent now; *Keep going* closes this issue.");
  return lines;
}

function button(actionId: string, text: string, issueId: number, style?: "primary" | "danger"): Button {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text }, value: String(issueId), ...(style ? { style } : {}) };
}

/** Pause / Keep going on a kill issue, Promote / Not yet on a gate issue; undefined for other issues. */
export function pilotIssueActions(issue: Issue): Block | undefined {
  if (issue.source === "kill") {
    return {
      type: "actions",
      block_id: ISSUE_ACTIONS_BLOCK.of(issue.id),
      elements: [button(ACTIONS.pauseSeat, "Pause", issue.id, "danger"), button(ACTIONS.keepGoing, "Keep going", issue.id)],
    };
  }
  if (issue.source === "gate") {
    return {
      type: "actions",
      block_id: ISSUE_ACTIONS_BLOCK.of(issue.id),
      elements: [button(ACTIONS.promoteSeat, "Promote", issue.id, "primary"), button(ACTIONS.notYet, "Not yet", issue.id)],
    };
  }
  return undefined;
}
