// The App Home: a person's seats and KPIs this week, their open issues, and for admins the whole picture.
import type { HomeView } from "@slack/types";
import { evaluateGoal, formatGoal } from "../domain/goal";
import type { Issue, SeatWithKpis } from "../domain/model";
import { formatValue } from "../domain/units";
import { describeWeek, type IsoWeek } from "../domain/week";
import { ACTIONS } from "./ids";
import type { Priority } from "../domain/priority";
import type { Todo } from "../domain/todo";
import { homeCommitmentBlocks } from "./weekly-meeting-blocks";
import { trackMark } from "./checkin-blocks";
import { issueActions, issueHeadline } from "./issue-blocks";
import { context, divider, escapeExceptMentions, escapeText, header, packLines, section, type Block } from "./limits";
import { seatLabel } from "./setup-blocks";
import type { AiSeatPilot } from "../domain/digest";
import { pilotIssueActions } from "./pilot-issue-blocks";
import { stageBadge } from "./stage-blocks";
import { statusSectionBlocks, type StatusSection } from "./status-blocks";

export interface HomeModel {
  userId: string;
  week: IsoWeek;
  isAdmin: boolean;
  ownSeats: SeatWithKpis[];
  /** This week's values of the person's KPIs. */
  values: Map<number, number>;
  issues: Issue[];
  /** The person's AI seats from pilot to production, by seat id. */
  pilot?: Map<number, AiSeatPilot>;
  /** Their open priorities and to-dos. */
  priorities?: Priority[];
  todos?: Todo[];
  team?: { seats: number; aiSeats: number; on: number; off: number; missing: number; openIssues: number; refused?: StatusSection };
}

// A home tab holds at most 100 blocks (MAX_VIEW_BLOCKS). Everything but the seats takes at most 50 (20 issues of
// two blocks, headers, buttons, the admin part); the seats share sections and get the rest.
const MAX_ISSUES_SHOWN = 20;
const MAX_REFUSED_SHOWN = 10;
// Three blocks fewer than before priorities and to-dos joined the tab.
const MAX_SEAT_SECTIONS = 42;

function seatLines(seat: SeatWithKpis, values: Map<number, number>, pilot?: AiSeatPilot): string[] {
  const label = pilot ? [seatLabel(seat), pilotLine(pilot)] : [seatLabel(seat)];
  if (seat.kpis.length === 0) return [...label, "_no KPIs yet_"];
  return [
    ...label,
    ...seat.kpis.map((kpi) => {
      const value = values.get(kpi.id);
      const shown = value === undefined ? "no value yet" : `*${formatValue(value, kpi.unit)}*`;
      return `${trackMark(evaluateGoal(kpi.goal, value))} ${escapeText(kpi.name)}: ${shown} · goal ${formatGoal(kpi.goal, kpi.unit)}`;
    }),
  ];
}

function pilotLine(pilot: AiSeatPilot): string {
  const gate = pilot.gateProgress ? ` · ${escapeText(pilot.gateProgress)}` : "";
  // In pilot the gate (to shadow) names no reviews: say which ones production will need.
  const unnamed = (pilot.pendingReviews ?? []).filter((kind) => !pilot.gateProgress.includes(`${kind} review`));
  const reviews = unnamed.length > 0 ? ` · reviews pending for production: ${unnamed.join(", ")}` : "";
  return `_Stage:_ ${stageBadge(pilot.stage)} (${pilot.weeksInStage} week${pilot.weeksInStage === 1 ? "" : "s"})${gate}${reviews}`;
}

export function buildHomeView(model: HomeModel): HomeView {
  const blocks: Block[] = [header(`Your week · ${describeWeek(model.week)}`)];
  if (model.ownSeats.length === 0) {
    blocks.push(section("You don't own a seat yet. When an admin gives you one, its KPIs show up here."));
  } else {
    // One section per seat overflowed the tab for an owner of 60 seats: seats share sections instead.
    const sections = packLines(model.ownSeats.flatMap((seat) => seatLines(seat, model.values, model.pilot?.get(seat.id))));
    blocks.push(...sections.slice(0, MAX_SEAT_SECTIONS).map((text) => section(text)));
    if (sections.length > MAX_SEAT_SECTIONS) blocks.push(context("…and more seats than a home tab can show: `/scorecard` lists every KPI."));
    if (model.ownSeats.some((seat) => seat.kpis.length > 0)) {
      blocks.push({
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: ACTIONS.openCheckinForm,
            style: "primary",
            text: { type: "plain_text", text: `Enter numbers for ${model.week}` },
            value: JSON.stringify({ week: model.week, ownerId: model.userId }),
          },
        ],
      });
    }
  }
  blocks.push(...homeCommitmentBlocks(model.priorities ?? [], model.todos ?? []));
  blocks.push(divider, section(`*Your open issues* (${model.issues.length})`));
  if (model.issues.length === 0) blocks.push(section("Nothing on your plate. :sparkles:"));
  for (const issue of model.issues.slice(0, MAX_ISSUES_SHOWN)) blocks.push(section(issueHeadline(issue)), pilotIssueActions(issue) ?? issueActions(issue.id));
  if (model.issues.length > MAX_ISSUES_SHOWN) blocks.push(context(`…and ${model.issues.length - MAX_ISSUES_SHOWN} more: \`/issue list\``));
  if (model.isAdmin && model.team) {
    const team = model.team;
    blocks.push(
      divider,
      section("*Team scorecard* (admin)"),
      section(
        `${team.seats} seats (${team.aiSeats} held by AI agents) · ${trackMark("on")} ${team.on} on track · ${trackMark("off")} ${team.off} off track · ${trackMark("missing")} ${team.missing} missing · ${team.openIssues} open issues`,
      ),
      // Only when there is something to fix: the home tab is not the place for "all clear" lines.
      ...(team.refused && team.refused.items.length > 0 ? statusSectionBlocks({ ...team.refused, items: team.refused.items.slice(0, MAX_REFUSED_SHOWN) }) : []),
      ...(team.refused && team.refused.items.length > MAX_REFUSED_SHOWN
        ? [context(`…and ${team.refused.items.length - MAX_REFUSED_SHOWN} more: \`/cadence status\``)]
        : []),
      context(
        escapeExceptMentions(
          'Set-up: `/cadence seat add "<name>" @owner agent|human` · `/cadence kpi add "<seat>" "<kpi>" >= 90 percent` · `/cadence seat list` · `/cadence run checkins|reminders|drift|digest` · `/cadence status` · `/cadence help`',
        ),
      ),
    );
  }
  blocks.push(context("`/scorecard` for the numbers · `/issue list` for every open issue"));
  return { type: "home", blocks };
}
