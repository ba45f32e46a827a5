// Issues: opened by hand or by Cadence (drift, missing), worked to resolved or dropped.
import type { Database } from "../db/database";
import { transaction } from "./transaction";
import type { Issue, IssueSource, IssueState } from "../domain/model";
import { writeAudit, type Tx } from "./audit";

const include = { weeks: { orderBy: { week: "asc" as const } } };

type IssueRow = Omit<Issue, "source" | "state" | "weeks"> & { source: string; state: string; weeks: { week: string }[] };

function toIssue(row: IssueRow): Issue {
  return {
    id: row.id,
    title: row.title,
    source: row.source as IssueSource,
    state: row.state as IssueState,
    kpiId: row.kpiId,
    week: row.week,
    ownerId: row.ownerId,
    openedBy: row.openedBy,
    assigneeId: row.assigneeId,
    closedBy: row.closedBy,
    closedAt: row.closedAt,
    resolutionNote: row.resolutionNote,
    createdAt: row.createdAt,
    channelId: row.channelId,
    messageTs: row.messageTs,
    weeks: row.weeks.map((week) => week.week),
  };
}

export type AutomaticIssueResult = { kind: "created" | "extended" | "unchanged"; issue: Issue };

export class IssueRepository {
  constructor(private readonly db: Database) {}

  async find(id: number): Promise<Issue | undefined> {
    const row = await this.db.issue.findUnique({ where: { id }, include });
    return row ? toIssue(row) : undefined;
  }

  async listOpen(): Promise<Issue[]> {
    const rows = await this.db.issue.findMany({ where: { state: "open" }, include, orderBy: { id: "asc" } });
    return rows.map(toIssue);
  }

  /** Issues closed (resolved or dropped) at or after `since`. */
  async closedSince(since: Date): Promise<Issue[]> {
    const rows = await this.db.issue.findMany({ where: { state: { not: "open" }, closedAt: { gte: since } }, include, orderBy: { closedAt: "asc" } });
    return rows.map(toIssue);
  }

  /** An issue opened by a person, or on their behalf (`priority`: owned by the priority's owner). */
  async createManual(input: { title: string; openedBy: string; at: Date; source?: "manual" | "priority"; ownerId?: string }): Promise<Issue> {
    return transaction(this.db, async (tx) => {
      const row = await tx.issue.create({
        data: { title: input.title, source: input.source ?? "manual", ownerId: input.ownerId ?? input.openedBy, openedBy: input.openedBy, createdAt: input.at },
        include,
      });
      await writeAudit(tx, { actor: input.openedBy, action: "issue.add", entity: "issue", entityId: row.id, after: { title: input.title }, at: input.at });
      return toIssue(row);
    });
  }

  /**
   * Opens (or extends) the issue for a KPI, week and source. The IssueWeek unique key makes this idempotent:
   * a second run for the same week changes nothing. A drift that continues joins its open drift issue.
   */
  async openAutomatic(input: {
    kpiId: number;
    week: string;
    source: Exclude<IssueSource, "manual">;
    title: string;
    ownerId: string;
    value: number | null;
    at: Date;
  }): Promise<AutomaticIssueResult> {
    return transaction(this.db, async (tx) => {
      const existing = await tx.issueWeek.findUnique({ where: { kpiId_week_source: { kpiId: input.kpiId, week: input.week, source: input.source } } });
      if (existing) return { kind: "unchanged", issue: toIssue(await tx.issue.findUniqueOrThrow({ where: { id: existing.issueId }, include })) };
      // A drift, or a kill threshold still crossed, joins the KPI's open issue of that source.
      const continues = input.source === "drift" || input.source === "kill";
      const continuing = continues
        ? await tx.issue.findFirst({ where: { kpiId: input.kpiId, source: input.source, state: "open" }, orderBy: { id: "desc" } })
        : null;
      if (continuing) {
        await tx.issueWeek.create({ data: { issueId: continuing.id, kpiId: input.kpiId, week: input.week, source: input.source, value: input.value } });
        await writeAudit(tx, {
          actor: "cadence",
          action: "issue.extend",
          entity: "issue",
          entityId: continuing.id,
          after: { week: input.week, value: input.value },
          at: input.at,
        });
        return { kind: "extended", issue: toIssue(await tx.issue.findUniqueOrThrow({ where: { id: continuing.id }, include })) };
      }
      const created = await tx.issue.create({
        data: {
          title: input.title,
          source: input.source,
          kpiId: input.kpiId,
          week: input.week,
          ownerId: input.ownerId,
          openedBy: "cadence",
          createdAt: input.at,
        },
      });
      await tx.issueWeek.create({ data: { issueId: created.id, kpiId: input.kpiId, week: input.week, source: input.source, value: input.value } });
      await writeAudit(tx, {
        actor: "cadence",
        action: `issue.${input.source}`,
        entity: "issue",
        entityId: created.id,
        after: { kpiId: input.kpiId, week: input.week, value: input.value },
        at: input.at,
      });
      return { kind: "created", issue: toIssue(await tx.issue.findUniqueOrThrow({ where: { id: created.id }, include })) };
    });
  }

  /** Closes an open issue; undefined when it was not open any more (someone else closed it first). */
  async close(id: number, change: { state: "resolved" | "dropped"; by: string; note: string | null; at: Date }): Promise<Issue | undefined> {
    return transaction(this.db, async (tx) => {
      const updated = await tx.issue.updateMany({
        where: { id, state: "open" },
        data: { state: change.state, closedBy: change.by, closedAt: change.at, resolutionNote: change.note },
      });
      if (updated.count === 0) return undefined;
      await writeAudit(tx, {
        actor: change.by,
        action: `issue.${change.state === "resolved" ? "resolve" : "drop"}`,
        entity: "issue",
        entityId: id,
        before: { state: "open" },
        after: { state: change.state, note: change.note },
        at: change.at,
      });
      return this.findIn(tx, id);
    });
  }

  async assign(id: number, change: { assigneeId: string; by: string; at: Date }): Promise<Issue | undefined> {
    return transaction(this.db, async (tx) => {
      const before = await tx.issue.findUnique({ where: { id } });
      if (before?.state !== "open") return undefined;
      await tx.issue.update({ where: { id }, data: { assigneeId: change.assigneeId } });
      await writeAudit(tx, {
        actor: change.by,
        action: "issue.assign",
        entity: "issue",
        entityId: id,
        before: { assigneeId: before.assigneeId },
        after: { assigneeId: change.assigneeId },
        at: change.at,
      });
      return this.findIn(tx, id);
    });
  }

  async setMessage(id: number, channelId: string, messageTs: string): Promise<void> {
    await this.db.issue.update({ where: { id }, data: { channelId, messageTs } });
  }

  /** Open issues with no channel post yet: a failed post, or one that waited for the bot's invitation. */
  async unpostedOpen(): Promise<Issue[]> {
    const rows = await this.db.issue.findMany({ where: { state: "open", messageTs: null }, include, orderBy: { id: "asc" } });
    return rows.map(toIssue);
  }

  /** Automatic issues opened for `week` and not posted yet (a crash between opening and posting). */
  async unpostedFor(week: string): Promise<Issue[]> {
    const rows = await this.db.issue.findMany({ where: { week, messageTs: null, source: { not: "manual" } }, include, orderBy: { id: "asc" } });
    return rows.map(toIssue);
  }

  private async findIn(tx: Tx, id: number): Promise<Issue> {
    return toIssue(await tx.issue.findUniqueOrThrow({ where: { id }, include }));
  }
}
