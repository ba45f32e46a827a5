import { describe, expect, it } from "vitest";
import { peopleInvolvedIn } from "../../src/domain/issue-involvement";

describe("peopleInvolvedIn", () => {
  const scenarios = [
    { issue: { ownerId: "UOWNER", assigneeId: null, closedBy: null }, people: ["UOWNER"] },
    { issue: { ownerId: "UOWNER", assigneeId: "UHELP", closedBy: "UADMIN" }, people: ["UOWNER", "UHELP", "UADMIN"] },
    { issue: { ownerId: "UOWNER", assigneeId: "UOWNER", closedBy: "UOWNER" }, people: ["UOWNER"] },
  ];
  it.each(scenarios)("$issue → $people", ({ issue, people }) => {
    expect([...peopleInvolvedIn(issue)]).toEqual(people);
  });
});
