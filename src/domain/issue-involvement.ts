// Who has a stake in an issue: its owner, its assignee and whoever closed it (their home tabs show it).
import type { Issue } from "./model";

export function peopleInvolvedIn(issue: Pick<Issue, "ownerId" | "assigneeId" | "closedBy">): Set<string> {
  return new Set([issue.ownerId, issue.assigneeId, issue.closedBy].filter((user): user is string => Boolean(user)));
}
