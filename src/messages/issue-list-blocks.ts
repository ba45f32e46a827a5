// `/issue list`: open issues, oldest first, with id, source, seat, owner and age.
import { differenceInCalendarDays } from "date-fns";
import type { Issue, Kpi, Seat } from "../domain/model";
import { context, escapeText, formatTypedText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";

export function ageOf(issue: Issue, now: Date): string {
  const days = differenceInCalendarDays(now, issue.createdAt);
  return days <= 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

export function issueListLine(item: { issue: Issue; kpi?: Kpi; seat?: Seat }, now: Date): string {
  const { issue, seat } = item;
  const where = seat ? ` · ${seat.kind === "agent" ? ":robot_face: " : ""}${escapeText(seat.name)}` : "";
  const assignee = issue.assigneeId ? ` · assigned <@${issue.assigneeId}>` : "";
  return `*#${issue.id}* ${formatTypedText(issue.title)} — _${issue.source}_${where} · <@${issue.ownerId}>${assignee} · ${ageOf(issue, now)}`;
}

export function buildIssueListReply(items: { issue: Issue; kpi?: Kpi; seat?: Seat }[], now: Date): Reply {
  if (items.length === 0) return { text: "No open issues.", blocks: [section(":tada: No open issues. Add one with `/issue add &lt;title&gt;`.")] };
  const blocks: Block[] = [
    header(`Open issues (${items.length})`),
    ...packLines(items.map((item) => issueListLine(item, now))).map((text) => section(text)),
    context("`/issue resolve &lt;id&gt; &lt;note&gt;` · `/issue drop &lt;id&gt;` · `/issue assign &lt;id&gt; @user`"),
  ];
  return { text: `${items.length} open issues`, blocks };
}
