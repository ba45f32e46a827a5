// The gate: gathers a seat's weeks, issues and reviews for evaluateGate, and opens one `gate` issue per stage
// when a pilot or shadow seat becomes ready; Promote and Not yet close it.
import type { Logger } from "@slack/bolt";
import { describeGateProgress, evaluateGate, type GateResult } from "../domain/gate";
import type { AiSeatPilot } from "../domain/digest";
import type { Issue, Seat, SeatWithKpis } from "../domain/model";
import type { Review, ReviewKind } from "../domain/review";
import { isOverride, NEXT_STAGE, type SeatStage } from "../domain/stage";
import { lastCompletedWeek, trailingWeeks, weekOf, type IsoWeek } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { GateIssueRepository } from "../repositories/gate-issue-repository";
import type { IssueRepository } from "../repositories/issue-repository";
import type { KillThresholdRepository } from "../repositories/kill-threshold-repository";
import type { ReviewRepository } from "../repositories/review-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import type { GateSettings, StageChange, StageRepository } from "../repositories/stage-repository";
import type { IssueService } from "./issue-service";
import { done, refused, type Outcome } from "./outcome";
import type { StageFacts, StageService } from "./stage-service";

/** What the gate weighs for a set of seats, read in bulk (GateService.factsFor). */
interface GateFacts {
  seats: Map<number, { settings: GateSettings; window: IsoWeek[]; entered: StageChange | undefined; reviews: Review[] }>;
  /** Values by KPI and week, over every seat's window. */
  values: Map<number, Map<string, number>>;
  openIssues: Issue[];
}

const WEEK_MS = 7 * 24 * 3600_000;

export class GateService implements StageFacts {
  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "listSeats" | "findSeat">;
      entries: Pick<EntryRepository, "forWeeks">;
      issues: Pick<IssueRepository, "listOpen">;
      kills: Pick<KillThresholdRepository, "forKpis">;
      reviews: Pick<ReviewRepository, "forSeats">;
      stages: Pick<StageRepository, "gateSettingsFor" | "latestFor">;
      gateIssues: Pick<GateIssueRepository, "open" | "seatOf">;
      issueService: Pick<IssueService, "post" | "find" | "resolve" | "drop">;
      requiredReviews: readonly ReviewKind[];
      isAdmin: (userId: string, now: Date) => Promise<boolean>;
      tz: string;
      logger: Logger;
    },
  ) {}

  /** The gate to `target` (production requires CADENCE_REVIEWS approved; shadow none). */
  async evaluate(seat: Seat, target: SeatStage, now: Date): Promise<GateResult> {
    const withKpis = await this.withKpis(seat);
    return this.judge(withKpis, target, await this.factsFor([withKpis], now));
  }

  async kpisWithGoal(seat: Seat): Promise<number> {
    return (await this.withKpis(seat)).kpis.length;
  }

  async killThresholds(seat: Seat): Promise<number> {
    return (await this.deps.kills.forKpis((await this.withKpis(seat)).kpis.map((kpi) => kpi.id))).size;
  }

  async gateToProduction(seat: Seat, now: Date): Promise<GateResult> {
    return this.evaluate(seat, "production", now);
  }

  /** On each tick: a pilot or shadow seat that is ready gets its one `gate` issue for the stage it is in. */
  async openReady(now: Date): Promise<number> {
    const candidates = (await this.deps.seats.listSeats()).filter((seat) => seat.kind === "agent" && seat.stage && NEXT_STAGE[seat.stage]);
    const facts = await this.factsFor(candidates, now);
    let opened = 0;
    for (const seat of candidates) {
      const target = NEXT_STAGE[seat.stage!]!;
      const entered = facts.seats.get(seat.id)?.entered;
      if (!entered || !this.judge(seat, target, facts).ready) continue;
      const { issueId, created } = await this.deps.gateIssues.open({
        seatId: seat.id,
        stageChangeId: entered.id,
        title: `Ready for ${target}: ${seat.name}`,
        ownerId: seat.ownerId,
        at: now,
      });
      if (!created) continue;
      opened += 1;
      const issue = await this.deps.issueService.find(issueId);
      if (issue)
        await this.deps.issueService
          .post(issue, now)
          .catch((error: Error) => this.deps.logger.warn(`posting gate issue #${issueId}: ${error.message} (posted on a later tick)`));
    }
    return opened;
  }

  /** Promote on a gate issue: the seat moves to its next stage (through StageService), and the issue closes. */
  async promote(issueId: number, actorId: string, stages: Pick<StageService, "change">, now: Date): Promise<Outcome<string>> {
    const gate = await this.openGate(issueId);
    if (!gate.ok) return gate;
    const { seat } = gate.value;
    const target = seat.stage ? NEXT_STAGE[seat.stage] : undefined;
    if (!target) return refused(`"${seat.name}" is in ${seat.stage} now; there is no next stage to promote it to`);
    const changed = await stages.change({ seat, to: target, reason: `gate passed (#${issueId})`, actorId, via: "button", now });
    if (!changed.ok) return changed;
    await this.deps.issueService.resolve(issueId, actorId, `Promoted to ${target}`, now);
    return done(`:rocket: "${seat.name}" is now in ${target}.`);
  }

  /** Not yet on a gate issue: admins close it; the seat stays where it is. */
  async notYet(issueId: number, actorId: string, now: Date): Promise<Outcome<string>> {
    const gate = await this.openGate(issueId);
    if (!gate.ok) return gate;
    if (!(await this.deps.isAdmin(actorId, now))) return refused("only a Cadence admin can decide on a gate");
    const dropped = await this.deps.issueService.drop(issueId, actorId, "Not yet", now);
    if (!dropped.ok) return dropped;
    return done(`:hourglass: Not yet: "${gate.value.seat.name}" stays in ${gate.value.seat.stage}.`);
  }

  /** For the digest and the owner's home: stage, weeks in it, and progress toward the next stage's gate. */
  async progressOf(seat: Seat, now: Date): Promise<AiSeatPilot> {
    return (await this.progressOfAll([seat], now)).get(seat.id)!;
  }

  /** progressOf for many seats in a fixed number of queries, however many seats there are. */
  async progressOfAll(seats: Seat[], now: Date): Promise<Map<number, AiSeatPilot>> {
    const withKpis = await this.allWithKpis(seats);
    const facts = await this.factsFor(withKpis, now);
    return new Map(withKpis.map((seat) => [seat.id, this.progressFrom(seat, facts, now)]));
  }

  private progressFrom(seat: SeatWithKpis, facts: GateFacts, now: Date): AiSeatPilot {
    const stage = seat.stage ?? "pilot";
    const { entered, reviews } = facts.seats.get(seat.id)!;
    const since = entered?.at ?? seat.stageSince ?? now;
    const weeksInStage = Math.max(0, Math.floor((now.getTime() - since.getTime()) / WEEK_MS));
    const target = NEXT_STAGE[stage];
    // Production has no next gate: its weeks on track still say how it is doing; a stopped seat has none.
    const result = target || stage === "production" ? this.judge(seat, target ?? "production", facts) : undefined;
    const gateProgress = !result ? "" : target ? describeGateProgress(result) : `${result.weeksOnTrack} of ${result.windowWeeks} weeks on track`;
    const override = stage === "production" && entered && isOverride(entered.reason) ? entered.reason : null;
    const approved = new Set(reviews.filter((review) => review.state === "approved").map((review) => review.kind));
    const pendingReviews = this.deps.requiredReviews.filter((kind) => !approved.has(kind));
    return { stage, weeksInStage, gateProgress, override, pendingReviews };
  }

  /** Everything the gate weighs for these seats, read in one query per kind of fact. */
  private async factsFor(seats: SeatWithKpis[], now: Date): Promise<GateFacts> {
    const seatIds = seats.map((seat) => seat.id);
    const [settings, entered, reviews] = await Promise.all([
      this.deps.stages.gateSettingsFor(seatIds),
      this.deps.stages.latestFor(seatIds),
      this.deps.reviews.forSeats(seatIds),
    ]);
    const lastWeek = lastCompletedWeek(now, this.deps.tz);
    const windows = new Map(seats.map((seat) => [seat.id, trailingWeeks(lastWeek, settings.get(seat.id)?.weeks ?? 0)]));
    const kpiIds = seats.flatMap((seat) => seat.kpis.map((kpi) => kpi.id));
    const weeks = [...new Set([...windows.values()].flat())];
    const values = new Map<number, Map<string, number>>();
    for (const entry of await this.deps.entries.forWeeks(kpiIds, weeks)) {
      if (!values.has(entry.kpiId)) values.set(entry.kpiId, new Map());
      values.get(entry.kpiId)!.set(entry.week, entry.value);
    }
    const openIssues = seats.length > 0 ? await this.deps.issues.listOpen() : [];
    return {
      seats: new Map(
        seats.map((seat) => [
          seat.id,
          { settings: settings.get(seat.id)!, window: windows.get(seat.id)!, entered: entered.get(seat.id), reviews: reviews.get(seat.id) ?? [] },
        ]),
      ),
      values,
      openIssues,
    };
  }

  private judge(seat: SeatWithKpis, target: SeatStage, facts: GateFacts): GateResult {
    const { settings, window, reviews } = facts.seats.get(seat.id)!;
    const ids = new Set(seat.kpis.map((kpi) => kpi.id));
    return evaluateGate({
      window,
      percent: settings.percent,
      kpis: seat.kpis.map((kpi) => ({ id: kpi.id, goal: kpi.goal, firstWeek: weekOf(kpi.createdAt, this.deps.tz) })),
      // Values of other seats' KPIs in the map are never read: evaluateGate looks up this seat's KPIs only.
      values: facts.values,
      openIssues: facts.openIssues.filter((issue) => issue.kpiId !== null && ids.has(issue.kpiId)).map((issue) => issue.source),
      reviews,
      requiredReviews: target === "production" ? this.deps.requiredReviews : [],
    });
  }

  private async openGate(issueId: number): Promise<Outcome<{ seat: Seat }>> {
    const issue = await this.deps.issueService.find(issueId);
    const seatId = await this.deps.gateIssues.seatOf(issueId);
    const seat = seatId === undefined ? undefined : await this.deps.seats.findSeat(seatId);
    if (!issue || !seat) return refused("that gate issue no longer exists");
    if (issue.state !== "open") return refused(`#${issueId} is already ${issue.state}`);
    return done({ seat });
  }

  private async withKpis(seat: Seat | SeatWithKpis): Promise<SeatWithKpis> {
    return (await this.allWithKpis([seat]))[0]!;
  }

  private async allWithKpis(seats: (Seat | SeatWithKpis)[]): Promise<SeatWithKpis[]> {
    // The digest and the tick already hold the seats with their KPIs: no need to read the org chart again.
    if (seats.every((seat) => "kpis" in seat)) return seats as SeatWithKpis[];
    const chart = new Map((await this.deps.seats.listSeats()).map((seat) => [seat.id, seat]));
    return seats.map((seat) => ("kpis" in seat ? seat : (chart.get(seat.id) ?? { ...seat, kpis: [] })));
  }
}
