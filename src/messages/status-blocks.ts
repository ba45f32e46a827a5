// `/cadence status`: what needs an admin's attention, one section per concern (more can be added as sections).
import type { Reply } from "./reply";
import { context, escapeExceptMentions, header, packLines, section, type Block } from "./limits";

export interface StatusItem {
  /** What is wrong, in mrkdwn; mentions and channel links stay live. */
  text: string;
  /** What an admin should do about it. */
  fix?: string;
}

export interface StatusSection {
  title: string;
  /** Shown when there is nothing to report, so an empty section still says it was checked. */
  whenEmpty: string;
  items: StatusItem[];
}

export interface StatusReport {
  sections: StatusSection[];
}

export function buildStatusReply(report: StatusReport): Reply {
  const blocks: Block[] = [header("Cadence status")];
  for (const part of report.sections) blocks.push(...statusSectionBlocks(part));
  return { text: "Cadence status", blocks };
}

/** One section's blocks, also used by the admin part of the App Home. */
export function statusSectionBlocks(part: StatusSection): Block[] {
  if (part.items.length === 0) return [section(`*${escapeExceptMentions(part.title)}*`), context(escapeExceptMentions(part.whenEmpty))];
  const lines = part.items.map((item) => `• ${escapeExceptMentions(item.text)}${item.fix ? `\n   _Fix:_ ${escapeExceptMentions(item.fix)}` : ""}`);
  return [section(`*${escapeExceptMentions(part.title)}* (${part.items.length})`), ...packLines(lines).map((text) => section(text))];
}
