// Priorities in messages: `/priority list`, the check-in DM's buttons, and the digest's line.
import type { Button } from "@slack/types";
import { prioritySummary, type Priority } from "../domain/priority";
import { ACTIONS } from "./ids";
import { context, formatTypedText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";

// Two blocks a priority (line and buttons): this many keep a check-in DM well inside Slack's 50 blocks.
const CHECKIN_PRIORITIES = 8;

export const priorityId = (priority: Pick<Priority, "id">) => `P${priority.id}`;

export function priorityLine(priority: Priority): string {
  const track = priority.onTrack ? ":large_green_circle: on track" : ":red_circle: off track";
  return `${track} · *${priorityId(priority)}* ${formatTypedText(priority.title)} · <@${priority.ownerId}> · due ${priority.due}`;
}

export function buildPriorityListReply(priorities: Priority[]): Reply {
  if (priorities.length === 0)
    return { text: "No open priorities.", blocks: [section('No open priorities. Add one with `/priority add "<title>" [@owner] [due 2026-12-31]`.')] };
  const { onTrack, total } = prioritySummary(priorities);
  const lines = priorities.map(priorityLine);
  return {
    text: `${total} open priorities`,
    blocks: [header(`Priorities: ${onTrack} of ${total} on track`), ...packLines(lines).map((text) => section(text))],
  };
}

function button(actionId: string, text: string, priority: Priority, style?: "primary" | "danger"): Button {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text }, value: String(priority.id), ...(style ? { style } : {}) };
}

/** The owner's open priorities in their check-in DM, each with On track / Off track / Done. */
export function checkinPriorityBlocks(priorities: Priority[]): Block[] {
  if (priorities.length === 0) return [];
  const blocks: Block[] = [section(`*Your priorities* (${priorities.length})`)];
  for (const priority of priorities.slice(0, CHECKIN_PRIORITIES)) {
    blocks.push(section(priorityLine(priority)), {
      type: "actions",
      elements: [
        button(ACTIONS.priorityOnTrack, "On track", priority, priority.onTrack ? "primary" : undefined),
        button(ACTIONS.priorityOffTrack, "Off track", priority, priority.onTrack ? undefined : "danger"),
        button(ACTIONS.priorityDone, "Done", priority),
      ],
    });
  }
  if (priorities.length > CHECKIN_PRIORITIES) blocks.push(context(`…and ${priorities.length - CHECKIN_PRIORITIES} more: \`/priority list\`.`));
  return blocks;
}

/** "Priorities: 7 of 9 on track", then each off-track one. */
export function digestPriorityLines(priorities: Priority[]): { title: string; lines: string[] } {
  const { onTrack, total, offTrack } = prioritySummary(priorities);
  return { title: `*Priorities: ${onTrack} of ${total} on track*`, lines: offTrack.map(priorityLine) };
}
