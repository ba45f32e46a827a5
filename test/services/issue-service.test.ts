// IssueService with in-memory fakes: what `/issue add` reports when its post fails after the issue is stored.
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/domain/model";
import { IssueService } from "../../src/services/issue-service";
import { recordingLogger } from "./fakes";

function service(deliverOnce: () => Promise<never>) {
  const stored: Issue[] = [];
  const logger = recordingLogger();
  const issues = new IssueService({
    issues: {
      async createManual(input) {
        const issue: Issue = { id: stored.length + 1, title: input.title, source: "manual", state: "open", kpiId: null, week: null, ownerId: input.openedBy, openedBy: input.openedBy, assigneeId: null, closedBy: null, closedAt: null, resolutionNote: null, createdAt: input.at, channelId: null, messageTs: null, weeks: [] };
        stored.push(issue);
        return issue;
      },
      find: async (id) => stored.find((issue) => issue.id === id),
      listOpen: async () => stored,
      close: async () => undefined,
      assign: async () => undefined,
      setMessage: async () => undefined,
      unpostedManual: async () => stored.filter((issue) => !issue.messageTs),
    },
    seats: { listSeats: async () => [], findKpi: async () => undefined },
    entries: { forWeeks: async () => [] },
    delivery: { deliverOnce },
    directory: { checkPerson: async () => ({ ok: true, tz: null }), isAdmin: async () => false },
    slack: { updateMessage: async () => undefined },
    channel: "C1",
    logger,
  });
  return { issues, stored, logger };
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
