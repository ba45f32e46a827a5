// Publishes each person's App Home: on opening it, and again after they enter numbers or work an issue.
import { isStopped } from "../domain/stage";
import { evaluateGoal } from "../domain/goal";
import type { Issue, Seat } from "../domain/model";
import type { AiSeatPilot } from "../domain/digest";
import type { Priority } from "../domain/priority";
import type { Todo } from "../domain/todo";
import { lastCompletedWeek } from "../domain/week";
import type { IssueRepository } from "../repositories/issue-repository";
import { buildHomeView, type HomeModel } from "../messages/home-blocks";
import type { SlackApi } from "./ports/slack-api";
import { activeKpis } from "../domain/scorecard";
import type { ScorecardLoader } from "./scorecard-data";
import type { StatusService } from "./status-service";
import type { UserDirectory } from "./user-directory";
import { NOBODY_AWAY, type AbsenceLookup } from "./time-off-service";

export class HomeService {
  constructor(
    private readonly deps: {
      issues: Pick<IssueRepository, "listOpen">;
      loader: ScorecardLoader;
      directory: UserDirectory;
      slack: SlackApi;
      status: Pick<StatusService, "refusedMessages">;
      tz: string;
      /** Each AI seat's stage, gate progress and pending reviews (GateService). */
      pilot?: { progressOfAll(seats: Seat[], now: Date): Promise<Map<number, AiSeatPilot>> };
      /** Their open priorities and to-dos, listed on the tab. */
      priorities?: { listOpen(ownerIds: string[]): Promise<Priority[]> };
      todos?: { listOpen(ownerIds: string[]): Promise<Todo[]> };
      /** Time off: an away owner's empty week is not counted as missing. */
      absences?: AbsenceLookup;
    },
  ) {}

  // People who opened their home tab since this process started. Slack sends app_home_opened on every
  // visit, so only they can be looking at a view that needs refreshing; everyone else gets a fresh one then.
  private readonly viewers = new Set<string>();

  /** On app_home_opened. */
  async publish(userId: string, now: Date): Promise<void> {
    this.viewers.add(userId);
    await this.deps.slack.publishHome(userId, buildHomeView(await this.model(userId, now)));
  }

  /** After their numbers or issues change: re-publishes only a home tab this person has opened. */
  async refresh(userId: string, now: Date): Promise<void> {
    if (this.viewers.has(userId)) await this.publish(userId, now);
  }

  async model(userId: string, now: Date): Promise<HomeModel> {
    const week = lastCompletedWeek(now, this.deps.tz);
    const isAdmin = await this.deps.directory.isAdmin(userId, now);
    const data = await this.deps.loader.load(week, 1);
    const ownSeats = data.seats.filter((seat) => seat.ownerId === userId);
    const ownKpiIds = new Set(ownSeats.flatMap((seat) => seat.kpis.map((kpi) => kpi.id)));
    const values = new Map<number, number>();
    for (const kpiId of ownKpiIds) {
      const value = data.values.get(kpiId)?.get(week);
      if (value !== undefined) values.set(kpiId, value);
    }
    const open = await this.deps.issues.listOpen();
    const issues = open.filter((issue) => isTheirs(issue, userId, ownKpiIds));
    let team: HomeModel["team"];
    if (isAdmin) {
      // A paused or retired AI seat owes no numbers, nor does an owner away that week or anyone in a holiday
      // week: their empty KPIs are not counted as missing (as in the digest).
      const absence = await (this.deps.absences ?? NOBODY_AWAY).forWeek(week);
      const owesNothing = (seat: Seat) => isStopped(seat.stage) || absence.holiday !== undefined || absence.isAway(seat.ownerId);
      const states = activeKpis(data)
        .map(({ kpi, seat }) => ({ seat, state: evaluateGoal(kpi.goal, data.values.get(kpi.id)?.get(week)) }))
        .filter(({ seat, state }) => !(state === "missing" && owesNothing(seat)))
        .map(({ state }) => state);
      team = {
        seats: data.seats.length,
        aiSeats: data.seats.filter((seat) => seat.kind === "agent").length,
        on: states.filter((state) => state === "on").length,
        off: states.filter((state) => state === "off").length,
        missing: states.filter((state) => state === "missing").length,
        openIssues: open.length,
        refused: await this.deps.status.refusedMessages(),
      };
    }
    const agents = ownSeats.filter((seat) => seat.kind === "agent");
    const pilot = this.deps.pilot && agents.length > 0 ? await this.deps.pilot.progressOfAll(agents, now) : new Map<number, AiSeatPilot>();
    const priorities = (await this.deps.priorities?.listOpen([userId])) ?? [];
    const todos = (await this.deps.todos?.listOpen([userId])) ?? [];
    return { userId, week, isAdmin, ownSeats, values, issues, team, pilot, priorities, todos };
  }
}

function isTheirs(issue: Issue, userId: string, ownKpiIds: Set<number>): boolean {
  return issue.ownerId === userId || issue.assigneeId === userId || (issue.kpiId !== null && ownKpiIds.has(issue.kpiId));
}
