// Answers about AI seats' stages: a stage's badge, a seat's stage history, the gate.
import type { SeatStage, StageChange } from "../domain/stage";
import { PILOT_USAGE } from "../domain/commands/pilot-command";
import type { Seat } from "../domain/model";
import { escapeText, header, packLines, section, type Block } from "./limits";
import type { Reply } from "./reply";

const STAGE_ICON: Record<SeatStage, string> = {
  pilot: ":test_tube:",
  shadow: ":busts_in_silhouette:",
  production: ":rocket:",
  paused: ":double_vertical_bar:",
  retired: ":headstone:",
};

export function stageBadge(stage: SeatStage): string {
  return `${STAGE_ICON[stage]} ${stage}`;
}

function when(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${at.toISOString()}>`;
}

export function buildStageHistoryReply(seat: Seat, changes: StageChange[]): Reply {
  if (changes.length === 0) return { text: `${seat.name}: no stage changes yet`, blocks: [section(`*${escapeText(seat.name)}* has no stage changes yet.`)] };
  const lines = changes.map((change) => {
    const from = change.from ? `${change.from} → ` : "";
    const reason = change.reason ? ` — “${escapeText(change.reason)}”` : "";
    return `• ${when(change.at)} · ${from}*${change.to}* by <@${change.by}> (${change.via})${reason}`;
  });
  const blocks: Block[] = [header(`Stage history: ${seat.name}`.slice(0, 150)), ...packLines(lines).map((text) => section(text))];
  return { text: `${seat.name}: ${changes.length} stage changes`, blocks };
}

/** The AI-seat lines of `/cadence help`. */
export const PILOT_HELP = [
  `${PILOT_USAGE.stage} — move an AI seat: shadow and production need a KPI and a kill threshold; production the gate (or a reason starting \`override:\`)`,
  `${PILOT_USAGE.history} — who moved it, when, from, to and why`,
  `${PILOT_USAGE.gate} — when it is ready for its next stage`,
  `${PILOT_USAGE.kill} — a value past it opens a kill issue at once`,
  `${PILOT_USAGE.review} — production needs the reviews in CADENCE_REVIEWS approved`,
  `${PILOT_USAGE.webhook} — called when the seat is paused, retired or resumed`,
];
