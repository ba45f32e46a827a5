// Priorities: add, list, done, drop, on/off track. Only the owner or an admin changes one; going off track
// opens a `priority` issue through the issue service, so it is posted and worked like any other issue.
import { todayIn } from "../domain/away";
import { OwnerChanges, type OwnerChangeListener } from "./owner-changes";
import { endOfQuarter, type Priority } from "../domain/priority";
import type { Issue } from "../domain/model";
import type { PriorityRepository } from "../repositories/priority-repository";
import type { IssueService } from "./issue-service";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

export const priorityLabel = (id: number) => `P${id}`;

export interface PriorityChange {
  priority: Priority;
  /** The issue opened because it went off track. */
  issue?: Issue;
}

export class PriorityService {
  private readonly changes = new OwnerChanges();

  constructor(
    private readonly deps: {
      priorities: Pick<PriorityRepository, "add" | "find" | "listOpen" | "close" | "setTrack">;
      issues: Pick<IssueService, "add" | "find">;
      directory: Pick<UserDirectory, "checkPerson" | "isAdmin">;
      tz: string;
    },
  ) {}

  async add(input: { title: string; ownerId: string | null; due: string | null }, actor: string, now: Date): Promise<Outcome<Priority>> {
    const today = todayIn(now, this.deps.tz);
    const due = input.due ?? endOfQuarter(today);
    if (due < today) return refused(`the due date ${due} is in the past (today is ${today})`);
    const ownerId = input.ownerId ?? actor;
    if (ownerId !== actor) {
      const person = await this.deps.directory.checkPerson(ownerId, now);
      if (!person.ok) return refused(person.reason);
    }
    const priority = await this.deps.priorities.add({ title: input.title, ownerId, due }, actor, now);
    return done(this.changes.changed(priority.ownerId, priority));
  }

  /** Tells `listener` whose priorities changed, after each change. */
  onChanged(listener: OwnerChangeListener): void {
    this.changes.listen(listener);
  }

  async listOpen(ownerIds?: string[]): Promise<Priority[]> {
    return this.deps.priorities.listOpen(ownerIds);
  }

  async markDone(id: number, actor: string, now: Date): Promise<Outcome<PriorityChange>> {
    return this.close(id, { state: "done", note: null }, actor, now);
  }

  async drop(id: number, note: string | null, actor: string, now: Date): Promise<Outcome<PriorityChange>> {
    return this.close(id, { state: "dropped", note }, actor, now);
  }

  /** On or off track; turning off track opens a `priority` issue unless the last one is still open. */
  async setStatus(id: number, onTrack: boolean, actor: string, now: Date): Promise<Outcome<PriorityChange>> {
    const found = await this.changeable(id, actor, now);
    if (!found.ok) return found;
    const priority = found.value;
    if (priority.onTrack === onTrack) return refused(`${priorityLabel(id)} is already ${onTrack ? "on" : "off"} track`);
    let issue: Issue | undefined;
    if (!onTrack) {
      const previous = priority.issueId === null ? undefined : await this.deps.issues.find(priority.issueId);
      if (previous?.state !== "open") {
        const opened = await this.deps.issues.add(`${priorityLabel(id)} is off track: ${priority.title}`, actor, now, {
          source: "priority",
          ownerId: priority.ownerId,
        });
        if (opened.ok) issue = opened.value;
      }
    }
    const updated = await this.deps.priorities.setTrack(id, { onTrack, ...(issue ? { issueId: issue.id } : {}) }, actor, now);
    return done(this.changes.changed(updated.ownerId, { priority: updated, issue }));
  }

  private async close(id: number, change: { state: "done" | "dropped"; note: string | null }, actor: string, now: Date): Promise<Outcome<PriorityChange>> {
    const found = await this.changeable(id, actor, now);
    if (!found.ok) return found;
    const priority = await this.deps.priorities.close(id, change, actor, now);
    return done(this.changes.changed(priority.ownerId, { priority }));
  }

  /** The open priority `actor` may change, or why not. */
  private async changeable(id: number, actor: string, now: Date): Promise<Outcome<Priority>> {
    const priority = await this.deps.priorities.find(id);
    if (!priority) return refused(`there is no priority ${priorityLabel(id)}`);
    if (priority.state !== "open") return refused(`${priorityLabel(id)} is already ${priority.state}`);
    if (priority.ownerId !== actor && !(await this.deps.directory.isAdmin(actor, now))) {
      return refused(`only ${priorityLabel(id)}'s owner (<@${priority.ownerId}>) or a Cadence admin can change it`);
    }
    return done(priority);
  }
}
