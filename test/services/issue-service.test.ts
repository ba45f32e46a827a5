// IssueService with in-memory fakes: what `/issue add` reports when its post fails after the issue is stored.
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/domain/model";
import type { AuditInput } from "../../src/repositories/audit";
import { IssueService } from "../../src/services/issue-service";
import { recordingLogger } from "./fakes";

function service(deliverOnce: () => Promise<never>) {
  const stored: Issue[] = [];
  const audit: AuditInput[] = [];
  const logger = recordingLogger();
  const issues = new IssueService({
    issues: {
      async createManual(input) {
        const issue: Issue = {
          id: stored.length + 1,
          title: input.title,
          source: "manual",
          state: "open",
          kpiId: null,
          week: null,
          ownerId: input.openedBy,
          openedBy: input.openedBy,
          assigneeId: null,
          closedBy: null,
          closedAt: null,
          resolutionNote: null,
          createdAt: input.at,
          channelId: null,
          messageTs: null,
          weeks: [],
        };
        stored.push(issue);
        return issue;
      },
      find: async (id) => stored.find((issue) => issue.id === id),
      listOpen: async () => stored,
      close: async () => undefined,
      assign: async () => undefined,
      setMessage: async () => undefined,
      unpostedOpen: async () => stored.filter((issue) => !issue.messageTs),
    },
    seats: { listSeats: async () => [], findKpi: async () => undefined },
    entries: { forWeeks: async () => [] },
    delivery: { deliverOnce },
    directory: { checkPerson: async () => ({ ok: true, tz: null }), isAdmin: async () => false, isAdminFromCache: async () => false },
    slack: { updateMessage: async () => undefined },
    audit: { record: async (input) => void audit.push(input) },
    channel: "C1",
    logger,
  });
  return { issues, stored, logger, audit };
}

describe("IssueService.add", () => {
  it("reports the stored issue when its post fails afterwards, leaving the post to the next tick", async () => {
    const { issues, stored, logger } = service(async () => {
      throw new Error("database is locked");
    });
    const result = await issues.add("Hiring plan", "U1", new Date("2026-11-24T10:00:00Z"));
    expect(result).toMatchObject({ ok: true, value: { id: 1, title: "Hiring plan", messageTs: null } });
    expect(stored).toHaveLength(1);
    expect(logger.lines.join("\n")).toContain("posting #1 failed (it is posted on the next tick): database is locked");
  });
});

describe("IssueService refusals", () => {
  it("notes who tried to drop someone else's issue, and why they were refused", async () => {
    const { issues, audit } = service(async () => {
      throw new Error("not posted in this test");
    });
    const at = new Date("2026-11-24T10:00:00Z");
    await issues.add("Hiring plan", "UOWNER", at);
    const result = await issues.drop(1, "UOUTSIDER", null, at);
    expect(result.ok).toBe(false);
    expect(audit).toEqual([
      {
        actor: "UOUTSIDER",
        action: "refused",
        entity: "issue",
        entityId: 1,
        after: { attempted: "issue.drop", reason: "not the issue's owner, assignee, seat owner or an admin" },
        at,
      },
    ]);
  });
});
