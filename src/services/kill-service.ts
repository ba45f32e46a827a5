// Kill thresholds: set on AI seats' KPIs; a value past one opens a `kill` issue at once, posted through the
// outbox with Pause and Keep going for admins and the seat's owner.
import type { Logger } from "@slack/bolt";
import type { KillOp } from "../domain/commands/pilot-command";
import { isPastThreshold } from "../domain/kill";
import type { Kpi, Seat } from "../domain/model";
import { formatValue, parseValue } from "../domain/units";
import type { IssueRepository } from "../repositories/issue-repository";
import type { KillThresholdRepository } from "../repositories/kill-threshold-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import type { EntryService, RecordedValues } from "./entry-service";
import type { IssueService } from "./issue-service";
import { done, refused, type Outcome } from "./outcome";
import type { StageService } from "./stage-service";

export class KillService {
  constructor(
    private readonly deps: {
      kills: Pick<KillThresholdRepository, "set" | "recentForKpis">;
      kpis: Pick<EntryService, "findKpi">;
      seats: Pick<SeatRepository, "findKpi">;
      issues: Pick<IssueRepository, "openAutomatic">;
      issueService: Pick<IssueService, "post" | "refreshPost" | "find" | "resolve">;
      stages: Pick<StageService, "change">;
      isAdmin: (userId: string, now: Date) => Promise<boolean>;
      logger: Logger;
    },
  ) {}

  async setThreshold(
    input: { kpi: string; op: KillOp; valueText: string },
    actor: string,
    now: Date,
  ): Promise<Outcome<{ kpi: Kpi; seat: Seat; text: string }>> {
    const found = await this.deps.kpis.findKpi(input.kpi);
    if (!found.ok) return found;
    const { kpi, seat } = found.value;
    if (seat.kind !== "agent") return refused(`"${kpi.name}" belongs to "${seat.name}", a human seat; kill thresholds are for AI seats' KPIs`);
    const parsed = parseValue(input.valueText, kpi.unit);
    if (!parsed.ok) return refused(`${kpi.name}: ${parsed.error}`);
    await this.deps.kills.set({ kpiId: kpi.id, op: input.op, value: parsed.value }, actor, now);
    return done({ kpi, seat, text: `${input.op} ${formatValue(parsed.value, kpi.unit)}` });
  }

  /** After values are stored: each past its KPI's kill threshold opens (or extends) that KPI's kill issue. */
  async valuesRecorded(recorded: RecordedValues, now: Date): Promise<void> {
    const agents = recorded.entries.filter((item) => item.seat.kind === "agent");
    if (agents.length === 0) return;
    const thresholds = await this.deps.kills.recentForKpis(agents.map((item) => item.kpi.id));
    for (const { kpi, seat, entry } of agents) {
      const threshold = thresholds.get(kpi.id);
      if (!threshold || !isPastThreshold(threshold, entry.value)) continue;
      const result = await this.deps.issues.openAutomatic({
        kpiId: kpi.id,
        week: entry.week,
        source: "kill",
        title: `${seat.name}: ${kpi.name} past its kill threshold`,
        ownerId: seat.ownerId,
        value: entry.value,
        at: now,
      });
      if (result.kind !== "unchanged") this.afterAck(result.issue.id, result.kind, now);
    }
  }

  // Posting waits for Slack, so it runs after the request that recorded the value is answered; a failed post
  // is retried by the tick's postPending, and an extended issue's post shows its new week.
  private posting: Promise<unknown> = Promise.resolve();
  private afterAck(issueId: number, kind: "created" | "extended", now: Date): void {
    const work = async () => {
      const issue = await this.deps.issueService.find(issueId);
      if (!issue) return;
      if (kind === "created") await this.deps.issueService.post(issue, now);
      else await this.deps.issueService.refreshPost(issue, now);
    };
    this.posting = this.posting.then(work).catch((error: Error) => this.deps.logger.warn(`posting kill issue #${issueId}: ${error.message}`));
  }

  /** Resolves once the kill issues opened so far have been posted (tests, and stopping). */
  async idle(): Promise<void> {
    await this.posting;
  }

  /** Pause on a kill issue: the seat is paused through StageService (admins and the owner), the issue closes. */
  async pause(issueId: number, actorId: string, now: Date): Promise<Outcome<string>> {
    const found = await this.openKill(issueId);
    if (!found.ok) return found;
    const { seat } = found.value;
    const changed = await this.deps.stages.change({ seat, to: "paused", reason: `kill threshold crossed (#${issueId})`, actorId, via: "button", now });
    if (!changed.ok) return changed;
    await this.deps.issueService.resolve(issueId, actorId, "Paused the seat", now);
    return done(`:double_vertical_bar: Paused "${seat.name}".`);
  }

  /** Keep going on a kill issue: admins and the seat's owner close it; the seat keeps its stage. */
  async keepGoing(issueId: number, actorId: string, now: Date): Promise<Outcome<string>> {
    const found = await this.openKill(issueId);
    if (!found.ok) return found;
    const { seat } = found.value;
    if (actorId !== seat.ownerId && !(await this.deps.isAdmin(actorId, now)))
      return refused(`only a Cadence admin or the seat's owner (<@${seat.ownerId}>) can decide on #${issueId}`);
    const closed = await this.deps.issueService.resolve(issueId, actorId, "Keep going", now);
    if (!closed.ok) return closed;
    return done(`:arrow_forward: "${seat.name}" keeps going; #${issueId} is closed.`);
  }

  private async openKill(issueId: number): Promise<Outcome<{ seat: Seat }>> {
    const issue = await this.deps.issueService.find(issueId);
    const found = issue?.source === "kill" && issue.kpiId !== null ? await this.deps.seats.findKpi(issue.kpiId) : undefined;
    if (!issue || !found) return refused("that kill issue no longer exists");
    if (issue.state !== "open") return refused(`#${issueId} is already ${issue.state}`);
    return done({ seat: found.seat });
  }
}
