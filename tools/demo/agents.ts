// The AI seats' agents: each holds its seat's API token and pushes its week's numbers over HTTP to the agent API
// (POST /api/v1/entries), exactly as examples/agent-push.mjs does. The page lists each call: method, path,
// status, the seat and what was sent or refused. A paused agent's push is refused (403), as the API says.
import { EventEmitter } from "node:events";
import type { RunningCadence } from "../../src/main";
import { lastCompletedWeek, type IsoWeek } from "../../src/domain/week";
import { formatValue, type Unit } from "../../src/domain/units";
import type { DemoClock } from "./demo-clock";
import { plausibleValue } from "./team-answers";
import { SEATS, TEAM_TZ } from "./team";

const ENTRIES_PATH = "/api/v1/entries";
const RECENT_CALLS = 20;
const RECENT_WEEKS = 4;

export interface AgentCall {
  at: string;
  method: "POST";
  path: string;
  status: number;
  seat: string;
  /** What was sent ("2026-W47: Auto-resolution rate 61%, …") and what came back ("recorded, 2 of 3 on track"). */
  summary: string;
}

interface Agent {
  seat: string;
  token: string;
}

export class DemoAgents extends EventEmitter {
  private agents: Agent[] = [];
  private readonly recent: AgentCall[] = [];

  constructor(private readonly deps: { cadence: RunningCadence; clock: DemoClock }) {
    super();
  }

  /** A token per AI seat, made as `/cadence seat token "<seat>"` makes it (by its owner); any earlier one stops working. */
  async issueTokens(): Promise<void> {
    const { cadence, clock } = this.deps;
    this.agents = [];
    for (const seat of SEATS.filter((candidate) => candidate.kind === "agent")) {
      // A seat archived in an earlier session gets no token, and its agent stays silent.
      const issued = await cadence.services.seatTokens.issue(seat.name, seat.owner.id, clock.now());
      if (issued.ok) this.agents.push({ seat: seat.name, token: issued.value.token });
    }
  }

  calls(): AgentCall[] {
    return [...this.recent];
  }

  /** Every agent pushes its numbers for the last completed week (team time zone); answers the calls made. */
  async pushLastWeek(): Promise<AgentCall[]> {
    const week = lastCompletedWeek(this.deps.clock.now(), TEAM_TZ);
    const calls: AgentCall[] = [];
    for (const agent of this.agents) calls.push(await this.push(agent, week));
    return calls;
  }

  private async push(agent: Agent, week: IsoWeek): Promise<AgentCall> {
    const entries = await this.numbersOf(agent.seat, week);
    const sent = `${week}: ${entries.map((entry) => `${entry.kpi} ${entry.value}`).join(", ")}`;
    const response = await fetch(`${this.deps.cadence.apiUrl}${ENTRIES_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json", "idempotency-key": `demo-${agent.seat}-${week}` },
      body: JSON.stringify({ entries: entries.map((entry) => ({ ...entry, week })) }),
    });
    const answer = (await response.json()) as { entries?: { onTrack: boolean }[]; error?: string; message?: string };
    const outcome = answer.entries
      ? `${response.status === 200 ? "already recorded" : "recorded"}, ${answer.entries.filter((entry) => entry.onTrack).length} of ${answer.entries.length} on track`
      : `${answer.error}: ${answer.message}`;
    const call: AgentCall = {
      at: this.deps.clock.now().toISOString(),
      method: "POST",
      path: ENTRIES_PATH,
      status: response.status,
      seat: agent.seat,
      summary: `${sent} → ${outcome}`,
    };
    this.recent.push(call);
    this.recent.splice(0, Math.max(0, this.recent.length - RECENT_CALLS));
    this.emit("changed");
    return call;
  }

  /** Near each KPI's recent values, as the agent measured them, in the KPI's unit as an agent would write it. */
  private async numbersOf(seatName: string, week: IsoWeek): Promise<{ kpi: string; value: string }[]> {
    const { db } = this.deps.cadence;
    const kpis = await db.kpi.findMany({ where: { archivedAt: null, seat: { name: seatName } }, orderBy: [{ position: "asc" }, { id: "asc" }] });
    const entries = await db.entry.findMany({ where: { kpiId: { in: kpis.map((kpi) => kpi.id) }, week: { lt: week } }, orderBy: { week: "desc" } });
    return kpis.map((kpi) => {
      const recent = entries
        .filter((entry) => entry.kpiId === kpi.id)
        .slice(0, RECENT_WEEKS)
        .map((entry) => entry.value);
      const unit = kpi.unit as Unit;
      const value = recent.length > 0 ? plausibleValue(recent, unit, `agent:${week}:${kpi.id}`) : 0;
      return { kpi: kpi.name, value: formatValue(value, unit) };
    });
  }
}
