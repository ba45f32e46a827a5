// The weekly digest: one screen in the channel, the detail in its thread, always within Slack's limits.
import type { DigestModel, DigestKpiLine } from "../domain/digest";
import { formatGoal } from "../domain/goal";
import type { Issue, Seat } from "../domain/model";
import { sparkline } from "../domain/trend";
import { formatValue } from "../domain/units";
import { withProvenance } from "../domain/provenance";
import { describeWeek } from "../domain/week";
import { ACTIONS } from "./ids";
import { isStopped } from "../domain/stage";
import { stageBadge } from "./stage-blocks";
import type { AiSeatPilot } from "../domain/digest";
import { trackMark } from "./checkin-blocks";
import { issueHeadline, NOTE_SHOWN } from "./issue-blocks";
import { ageOf } from "./issue-list-blocks";
import { context, divider, escapeText, formatTypedText, formatTypedTextWithin, header, packLines, paginateBlocks, section, type Block } from "./limits";
import { scorecardTableLines, tableSections } from "./scorecard-blocks";
import { buildHolidayDigest } from "./time-off-blocks";
import { weeklyMeetingBlocks } from "./weekly-meeting-blocks";

export interface DigestMessage {
  text: string;
  blocks: Block[];
}

export interface DigestMessages {
  main: DigestMessage;
  thread: DigestMessage[];
}

// The main message shows at most this much of each list; the rest goes to the thread.
const MAIN_SCORECARD_KPIS = 20;
const MAIN_ISSUES = 10;
const MAIN_SECTIONS_PER_LIST = 2;

/** Packs lines into at most `maxSections` sections; lines that do not fit are returned for the thread. */
function boundedSections(lines: string[], maxSections: number): { blocks: Block[]; overflow: string[] } {
  const chunks = packLines(lines);
  const shown = chunks.slice(0, maxSections);
  const shownLineCount = shown.reduce((sum, chunk) => sum + chunk.split("\n").length, 0);
  return { blocks: shown.map((text) => section(text)), overflow: lines.slice(shownLineCount) };
}

function kpiLine(line: DigestKpiLine): string {
  if (line.state === "new") return `:new: *${escapeText(line.kpi.name)}* added this week (goal ${formatGoal(line.kpi.goal, line.kpi.unit)})`;
  const value = line.value === undefined ? "no value" : withProvenance(formatValue(line.value, line.kpi.unit), line.provenance);
  return `${trackMark(line.state)} *${escapeText(line.kpi.name)}* ${value} (goal ${formatGoal(line.kpi.goal, line.kpi.unit)}) \`${sparkline(line.series)}\``;
}

function seatTitle(seat: Seat): string {
  const stopped = isStopped(seat.stage) ? ` · ${stageBadge(seat.stage!)}` : "";
  return `${seat.kind === "agent" ? ":robot_face: " : ""}*${escapeText(seat.name)}*${stopped} · <@${seat.ownerId}>`;
}

function issueLine(issue: Issue, model: DigestModel): string {
  const seat = issue.kpiId !== null ? model.seatOfKpi.get(issue.kpiId) : undefined;
  const where = seat ? ` · ${seat.kind === "agent" ? ":robot_face: " : ""}${escapeText(seat.name)}` : "";
  return `${issueHeadline(issue)}${where} · <@${issue.assigneeId ?? issue.ownerId}> · ${ageOf(issue, model.now)}`;
}

function issueWithButton(issue: Issue, model: DigestModel): Block {
  return section(issueLine(issue, model), {
    accessory: { type: "button", action_id: ACTIONS.resolveIssue, text: { type: "plain_text", text: "Resolve" }, value: String(issue.id) },
  });
}

function closedLine(issue: Issue): string {
  const verb = issue.state === "resolved" ? ":white_check_mark:" : ":wastebasket:";
  const note = issue.resolutionNote ? ` — “${formatTypedTextWithin(issue.resolutionNote, NOTE_SHOWN)}”` : "";
  return `${verb} *#${issue.id}* ${formatTypedText(issue.title)} · <@${issue.closedBy}>${note}`;
}

function aiSeatLine(model: DigestModel, index: number): string {
  const state = model.aiSeats[index];
  const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);
  const issues = state.openIssues === 0 ? "no open issues" : `${state.openIssues} open issue${state.openIssues === 1 ? "" : "s"}`;
  const agentWeek = state.agentWeek ? ` · ${state.agentWeek}` : "";
  return `:robot_face: *${escapeText(state.seat.name)}*${pilotPart(state.pilot)} · owner <@${state.seat.ownerId}> · on track ${percent(state.onTrackRate4)} (4 wk), ${percent(state.onTrackRate13)} (13 wk) · ${state.weeksOnTrack} week${state.weeksOnTrack === 1 ? "" : "s"} in a row on track · ${issues}${agentWeek}`;
}

function pilotPart(pilot: AiSeatPilot | undefined): string {
  if (!pilot) return "";
  const weeks = `${pilot.weeksInStage} week${pilot.weeksInStage === 1 ? "" : "s"} in stage`;
  const override = pilot.override ? ` · promoted by ${escapeText(pilot.override)}` : "";
  const gate = pilot.gateProgress ? ` · ${pilot.stage === "production" ? "" : "gate: "}${escapeText(pilot.gateProgress)}` : "";
  return ` · ${stageBadge(pilot.stage)} (${weeks})${gate}${override}`;
}

function ratingBlocks(model: DigestModel): Block[] {
  const buttons = Array.from({ length: 10 }, (_, index) => ({
    type: "button" as const,
    action_id: `${ACTIONS.rateMeeting}_${index + 1}`,
    text: { type: "plain_text" as const, text: String(index + 1) },
    value: `${model.week}:${index + 1}`,
  }));
  return [
    section("*Rate this week's meeting* (1 = waste of time, 10 = couldn't run without it)"),
    { type: "actions", block_id: "digest_rating", elements: buttons },
  ];
}

export function buildDigestMessages(model: DigestModel): DigestMessages {
  if (model.holiday) return buildHolidayDigest(model.week, model.holiday);
  const thread: Block[][] = [];
  const lines = model.scorecard.flatMap((seat) => seat.kpis);
  const { on, off, missing, opened, closed } = model.summary;
  const main: Block[] = [
    header(`Weekly digest · ${describeWeek(model.week)}`),
    section(
      `${trackMark("on")} *${on}* on track · ${trackMark("off")} *${off}* off track · ${trackMark("missing")} *${missing}* missing · *${opened}* issue${opened === 1 ? "" : "s"} opened · *${closed}* resolved or dropped since the last digest`,
    ),
  ];
  if (model.lastRating)
    main.push(
      context(
        `Last week's meeting: rated *${model.lastRating.average.toFixed(1)}*/10 by ${model.lastRating.count} ${model.lastRating.count === 1 ? "person" : "people"}`,
      ),
    );

  // 2. Scorecard: whole when it is short, else what needs attention, with the full table in the thread.
  main.push(divider, section("*Scorecard*"));
  if (lines.length <= MAIN_SCORECARD_KPIS) {
    const seatLines = model.scorecard.flatMap(({ seat, kpis }) => [seatTitle(seat), ...kpis.map(kpiLine)]);
    const bounded = boundedSections(seatLines, 3);
    main.push(...bounded.blocks);
  } else {
    const attention = model.scorecard.flatMap(({ seat, kpis }) =>
      kpis.filter((line) => line.state !== "on").map((line) => `${kpiLine(line)} · ${escapeText(seat.name)}`),
    );
    const bounded = boundedSections(attention.length > 0 ? attention : ["Every KPI is on track."], MAIN_SECTIONS_PER_LIST);
    main.push(...bounded.blocks);
    if (bounded.overflow.length > 0) main.push(context(`…and ${bounded.overflow.length} more off track or missing.`));
    main.push(context(`The full scorecard (${lines.length} KPIs) is in the thread.`));
  }
  const seats = model.scorecard.map(({ seat }) => seat);
  thread.push([section(`*Full scorecard · ${model.week}*`), ...tableSections(scorecardTableLines({ weeks: model.weeks, seats, values: model.values }, seats))]);

  // 3. Open issues, new this week first, each with a Resolve button.
  const openIssues = [...model.newIssues, ...model.olderIssues];
  main.push(divider, section(`*Open issues* (${model.newIssues.length} new, ${model.olderIssues.length} older)`));
  if (openIssues.length === 0) main.push(section(":tada: None."));
  main.push(...openIssues.slice(0, MAIN_ISSUES).map((issue) => issueWithButton(issue, model)));
  if (openIssues.length > MAIN_ISSUES) {
    main.push(context(`…and ${openIssues.length - MAIN_ISSUES} more in the thread.`));
    thread.push([section("*More open issues*"), ...openIssues.slice(MAIN_ISSUES).map((issue) => issueWithButton(issue, model))]);
  }

  // 4–6. Closed since the last digest, who did not check in, and the AI seats.
  pushList(main, thread, "*Resolved or dropped since the last digest*", model.closedIssues.map(closedLine), "Nothing closed.");
  pushList(
    main,
    thread,
    "*Did not check in*",
    model.missingOwners.map((owner) => `<@${owner.ownerId}> · ${owner.missing} number${owner.missing === 1 ? "" : "s"} missing`),
    "Everyone checked in. :raised_hands:",
  );
  main.push(...weeklyMeetingBlocks(model));
  pushList(
    main,
    thread,
    "*AI seats*",
    model.aiSeats.map((_, index) => aiSeatLine(model, index)),
    "No seats held by AI agents.",
  );

  main.push(divider, ...ratingBlocks(model));
  const text = `Weekly digest for ${model.week}: ${on} on track, ${off} off track, ${missing} missing, ${openIssues.length} open issues`;
  return {
    main: { text, blocks: main },
    thread: thread.flatMap((blocks) => paginateBlocks(blocks)).map((blocks) => ({ text: `Digest ${model.week} (detail)`, blocks })),
  };
}

function pushList(main: Block[], thread: Block[][], title: string, lines: string[], empty: string): void {
  main.push(divider, section(title));
  if (lines.length === 0) {
    main.push(section(empty));
    return;
  }
  const bounded = boundedSections(lines, MAIN_SECTIONS_PER_LIST);
  main.push(...bounded.blocks);
  if (bounded.overflow.length > 0) {
    main.push(context(`…and ${bounded.overflow.length} more in the thread.`));
    thread.push([section(`${title} (continued)`), ...packLines(bounded.overflow).map((chunk) => section(chunk))]);
  }
}
