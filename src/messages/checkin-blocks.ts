// The check-in DM, its reminder, and the form owners fill in.
import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { evaluateGoal, formatGoal } from "../domain/goal";
import type { Entry, Kpi, SeatWithKpis } from "../domain/model";
import { provenanceOf, withProvenance } from "../domain/provenance";
import { formatValue } from "../domain/units";
import { describeWeek, type IsoWeek } from "../domain/week";
import { ACTIONS, FORM, VIEWS } from "./ids";
import { BLOCK_KIT_LIMITS, context, escapeText, header, packLines, section, type Block } from "./limits";
import type { Priority } from "../domain/priority";
import { checkinPriorityBlocks } from "./priority-blocks";
import type { Todo } from "../domain/todo";
import { checkinTodoBlocks } from "./todo-blocks";
import { seatLabel } from "./setup-blocks";

export interface CheckinModel {
  ownerId: string;
  week: IsoWeek;
  seats: SeatWithKpis[];
  /** Values already entered for `week`, by KPI id. */
  current: Map<number, Entry>;
  /** Values of the week before, by KPI id. */
  previous: Map<number, Entry>;
  /** The owner's open priorities, each with its buttons. */
  priorities?: Priority[];
  /** The owner's open to-dos, each with a Done button. */
  todos?: Todo[];
}

export const trackMark = (state: "on" | "off" | "missing"): string =>
  state === "on" ? ":large_green_circle:" : state === "off" ? ":red_circle:" : ":white_circle:";

export function countKpis(model: Pick<CheckinModel, "seats">): number {
  return model.seats.reduce((sum, seat) => sum + seat.kpis.length, 0);
}

function kpiStatusLine(kpi: Kpi, model: CheckinModel): string {
  const entry = model.current.get(kpi.id);
  const last = model.previous.get(kpi.id);
  const lastText = last ? `last week ${formatValue(last.value, kpi.unit)}` : "no value last week";
  if (!entry) return `${trackMark("missing")} ${escapeText(kpi.name)} — goal ${formatGoal(kpi.goal, kpi.unit)} · ${lastText}`;
  const state = evaluateGoal(kpi.goal, entry.value);
  const value = withProvenance(`*${formatValue(entry.value, kpi.unit)}*`, provenanceOf(entry));
  return `${trackMark(state)} ${escapeText(kpi.name)}: ${value} (${state === "on" ? "on track" : "off track"}, goal ${formatGoal(kpi.goal, kpi.unit)})`;
}

/** What the agent reported for this owner's week: how many values, and how many still await the owner's word. */
function agentReports(model: CheckinModel): { reported: number; unconfirmed: number } {
  const provenances = [...model.current.values()].map(provenanceOf);
  return { reported: provenances.filter((p) => p !== "owner").length, unconfirmed: provenances.filter((p) => p === "agent").length };
}

function introText(model: CheckinModel, answered: number, total: number): string {
  const agent = agentReports(model);
  if (agent.reported === total && agent.unconfirmed > 0) {
    return `:robot_face: Hi <@${model.ownerId}>, the agent reported all ${total} numbers for ${model.week}. Confirm them all, or correct any with the button.`;
  }
  if (answered === total) return `:white_check_mark: Thanks <@${model.ownerId}> — all ${total} numbers received for ${model.week}.`;
  // Only what the agent did not report is asked for.
  const asked =
    agent.reported > 0 ? `the agent reported ${agent.reported}; the other ${total - answered}, please` : "your numbers for the week that just ended, please";
  const reply =
    agent.reported > 0
      ? "Use the button, or reply here with one value per line for the ones still open (in their order), or as `KPI name: value`."
      : "Use the button, or reply here with one value per line (in this order, or as `KPI name: value`).";
  return `Hi <@${model.ownerId}>, ${asked} (${answered}/${total} in). ${reply}`;
}

export function buildCheckinMessage(model: CheckinModel): { text: string; blocks: Block[] } {
  const total = countKpis(model);
  const answered = model.seats.flatMap((seat) => seat.kpis).filter((kpi) => model.current.has(kpi.id)).length;
  const done = answered === total;
  const blocks: Block[] = [header(`Check-in for ${describeWeek(model.week)}`), section(introText(model, answered, total))];
  // All seats share sections, so an owner of many seats still gets one DM within Slack's 50 blocks.
  const lines = model.seats.flatMap((seat) => [seatLabel(seat), ...seat.kpis.map((kpi) => kpiStatusLine(kpi, model))]);
  blocks.push(...packLines(lines).map((text) => section(text)));
  const buttonValue = JSON.stringify({ week: model.week, ownerId: model.ownerId });
  const agent = agentReports(model);
  const confirm =
    agent.unconfirmed > 0
      ? [
          {
            type: "button" as const,
            action_id: ACTIONS.confirmAgentValues,
            text: { type: "plain_text" as const, text: agent.reported === total ? "Confirm all" : "Confirm" },
            style: "primary" as const,
            value: buttonValue,
          },
        ]
      : [];
  blocks.push({
    type: "actions",
    elements: [
      ...confirm,
      {
        type: "button" as const,
        action_id: ACTIONS.openCheckinForm,
        text: { type: "plain_text" as const, text: done ? (agent.unconfirmed > 0 ? "Correct numbers" : "Edit numbers") : "Enter numbers" },
        style: done || confirm.length > 0 ? undefined : ("primary" as const),
        value: buttonValue,
      },
    ].map(dropUndefined),
  });
  blocks.push(...checkinPriorityBlocks(model.priorities ?? []), ...checkinTodoBlocks(model.todos ?? []));
  const text = done ? `All numbers received for ${model.week}` : `Check-in for ${model.week}: ${answered}/${total} numbers in`;
  return { text, blocks };
}

export function buildReminderMessage(model: CheckinModel): { text: string; blocks: Block[] } {
  const missing = model.seats.flatMap((seat) => seat.kpis).filter((kpi) => !model.current.has(kpi.id));
  const text = `Reminder: ${missing.length} number${missing.length === 1 ? "" : "s"} still missing for ${model.week}`;
  const lines = [`:alarm_clock: ${text}:`, ...missing.map((kpi) => `• ${escapeText(kpi.name)}`)];
  return { text, blocks: [...packLines(lines).map((chunk) => section(chunk)), context("Use the button above, or reply in this DM with one value per line.")] };
}

// A modal holds at most 100 blocks: the header, the note and a notice leave room for this many fields.
export const MAX_FORM_FIELDS = 90;

/** The check-in form: one field per KPI, typed by unit, pre-filled with what is already entered. */
export function buildCheckinForm(model: CheckinModel): ModalView {
  const blocks: Block[] = [context(`Numbers for ${describeWeek(model.week)}. Leave a field empty to keep it blank.`)];
  const kpis = model.seats.flatMap((seat) => seat.kpis.map((kpi) => ({ seat, kpi })));
  for (const { seat, kpi } of kpis.slice(0, MAX_FORM_FIELDS)) {
    blocks.push(kpiInput(kpi, model.current.get(kpi.id), seat.name));
  }
  if (kpis.length > MAX_FORM_FIELDS) {
    blocks.push(context(`${kpis.length - MAX_FORM_FIELDS} more KPIs do not fit in one form: reply in the DM (\`KPI name: value\`) or use \`/scorecard set\`.`));
  }
  blocks.push({
    type: "input",
    block_id: FORM.noteBlock,
    optional: true,
    label: { type: "plain_text", text: "Note" },
    element: { type: "plain_text_input", action_id: FORM.noteAction, multiline: true, max_length: 500 },
  });
  return {
    type: "modal",
    callback_id: VIEWS.checkinForm,
    private_metadata: JSON.stringify({ week: model.week, ownerId: model.ownerId }),
    title: { type: "plain_text", text: `Check-in ${model.week}`.slice(0, BLOCK_KIT_LIMITS.modalTitle) },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks,
  };
}

function kpiInput(kpi: Kpi, entry: Entry | undefined, seatName: string): InputBlock {
  const label = { type: "plain_text" as const, text: `${kpi.name} (goal ${formatGoal(kpi.goal, kpi.unit)})`.slice(0, BLOCK_KIT_LIMITS.inputLabel) };
  const hintPrefix = `${seatName} · `;
  if (kpi.unit === "yes/no") {
    const options = [option("yes", "1"), option("no", "0")];
    const initial = entry ? options[entry.value >= 0.5 ? 0 : 1] : undefined;
    return {
      type: "input",
      block_id: FORM.kpiBlock(kpi.id),
      optional: true,
      label,
      element: dropUndefined({ type: "static_select" as const, action_id: FORM.valueAction, options, initial_option: initial }),
    };
  }
  return {
    type: "input",
    block_id: FORM.kpiBlock(kpi.id),
    optional: true,
    label,
    hint: { type: "plain_text", text: `${hintPrefix}${unitHint(kpi)}`.slice(0, BLOCK_KIT_LIMITS.inputHint) },
    element: dropUndefined({
      type: "plain_text_input" as const,
      action_id: FORM.valueAction,
      initial_value: entry ? prefill(entry.value, kpi) : undefined,
      max_length: 40,
    }),
  };
}

/** The stored number exactly (a rounded display value would overwrite it when another field is saved). */
function prefill(value: number, kpi: Kpi): string {
  if (kpi.unit === "percent") return `${value}%`;
  if (kpi.unit === "duration") return `${value}m`;
  return String(value);
}

function unitHint(kpi: Kpi): string {
  switch (kpi.unit) {
    case "percent":
      return "A percentage, e.g. 97 or 97%";
    case "currency":
      return "An amount, e.g. 1200 or $1,200.50";
    case "duration":
      return "A duration, e.g. 1h 30m, 90m or 1.5h";
    default:
      return "A number, e.g. 42 or 3.5";
  }
}

function option(text: string, value: string): PlainTextOption {
  return { text: { type: "plain_text", text }, value };
}

function dropUndefined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

export function buildNoticeModal(title: string, text: string): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.notice,
    title: { type: "plain_text", text: title.slice(0, BLOCK_KIT_LIMITS.modalTitle) },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(text)],
  };
}
