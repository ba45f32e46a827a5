// What the page shows one person: the channel, their DM with the bot, their App Home and modal, what only they
// see, who is in the workspace, and the demo clock with the loop's next steps.
import type { RunningCadence } from "../../src/main";
import { lastCompletedWeek, shiftWeek, type IsoWeek } from "../../src/domain/week";
import type { LocalSlack, StoredMessage } from "../local-slack/server";
import type { DemoAgents } from "./agents";
import type { DemoClock } from "./demo-clock";
import { nextLoopSteps, type CheckinProgress, type LoopOwner, type LoopStep, type NextStep } from "./loop-times";
import type { DemoSlackClient, Ephemeral } from "./slack-client";
import { CHANNEL_ID, CHANNEL_NAME, PEOPLE } from "./team";

export interface StateDeps {
  cadence: RunningCadence;
  slack: LocalSlack;
  client: DemoSlackClient;
  clock: DemoClock;
  agents: DemoAgents;
}

export interface MessageView {
  ts: string;
  user: string;
  bot: boolean;
  text: string;
  blocks?: unknown[];
  edited: boolean;
  replies: MessageView[];
}

export interface ConversationView {
  id: string;
  name: string;
  messages: MessageView[];
  ephemerals: Ephemeral[];
}

export interface PersonView {
  id: string;
  name: string;
  realName: string;
  title: string;
  tz: string;
  isAdmin: boolean;
  /** Names of the active seats this person owns, "(AI)" marking agents' seats. */
  seats: string[];
  /** Top-level messages the bot sent to their DM: the page marks the ones not seen yet. */
  botMessages: number;
}

const RECENT_CALLS = 40;

export async function buildPageState(deps: StateDeps, as: string) {
  const { cadence, slack, client, clock } = deps;
  const now = clock.now();
  const seats = await cadence.db.seat.findMany({ where: { archivedAt: null }, orderBy: { id: "asc" } });
  const dm = slack.dmChannelOf(as);
  const modal = client.modalOf(as);
  const modalView = modal ? slack.views.get(modal.viewId) : undefined;
  const home = [...slack.views.values()].find((view) => view.type === "home" && view.user === as);
  return {
    as,
    workspace: { name: "Cadence Local", teamId: slack.teamId },
    bot: { id: slack.botUserId, name: "Cadence" },
    people: people(deps, seats),
    channel: conversation(deps, as, CHANNEL_ID, `#${CHANNEL_NAME}`),
    dm: conversation(deps, as, dm, "Cadence"),
    home: home ? { id: home.id, view: home.view } : null,
    modal: modal && modalView ? { id: modalView.id, hash: modalView.hash, view: modalView.view, errors: modal.errors } : null,
    calls: slack.calls.slice(-RECENT_CALLS).map((call) => ({ method: call.method, ok: call.ok, error: call.error, at: call.at })),
    agentCalls: deps.agents.calls(),
    clock: { now: now.toISOString(), tz: cadence.config.tz, steps: await loopSteps(deps, now) },
  };
}

export type PageState = Awaited<ReturnType<typeof buildPageState>>;

function people(deps: StateDeps, seats: { name: string; kind: string; ownerId: string }[]): PersonView[] {
  const { slack, cadence } = deps;
  return slack.users().map((user) => {
    const person = PEOPLE.find((candidate) => candidate.id === user.id);
    return {
      id: user.id,
      name: user.name,
      realName: user.real_name ?? user.name,
      title: person?.title ?? "",
      tz: user.tz ?? "UTC",
      isAdmin: cadence.config.admins.includes(user.id),
      seats: seats.filter((seat) => seat.ownerId === user.id).map((seat) => `${seat.name}${seat.kind === "agent" ? " (AI)" : ""}`),
      botMessages: slack.dmsTo(user.id).length,
    };
  });
}

function conversation(deps: StateDeps, as: string, channel: string, name: string): ConversationView {
  const all = deps.slack.messages(channel);
  const isReply = (message: StoredMessage) => message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const view = (message: StoredMessage): MessageView => ({
    ts: message.ts,
    user: message.user,
    bot: message.bot_id !== undefined,
    text: message.text ?? "",
    blocks: message.blocks,
    edited: message.edited ?? false,
    replies: all.filter((reply) => isReply(reply) && reply.thread_ts === message.ts).map(view),
  });
  return { id: channel, name, messages: all.filter((message) => !isReply(message)).map(view), ephemerals: deps.client.ephemeralsOf(as, channel) };
}

/** The owners of active seats, their time zones and how far their check-ins got: what the loop's times depend on. */
async function loopOwners(deps: StateDeps, ownerIds: string[], now: Date): Promise<LoopOwner[]> {
  const { cadence, slack } = deps;
  const last = lastCompletedWeek(now, cadence.config.tz);
  const weeks: IsoWeek[] = [shiftWeek(last, -1), last, shiftWeek(last, 1), shiftWeek(last, 2)];
  const rows = await cadence.db.checkIn.findMany({ where: { ownerId: { in: ownerIds }, week: { in: weeks } } });
  return ownerIds.map((id) => ({
    id,
    tz: slack.users().find((user) => user.id === id)?.tz ?? cadence.config.tz,
    checkins: new Map<IsoWeek, CheckinProgress>(rows.filter((row) => row.ownerId === id).map((row) => [row.week, row])),
  }));
}

/** When the loop's next check-in, reminder, deadline and digest fall after `now`, for the active seats' owners. */
export async function nextSteps(deps: StateDeps, now: Date): Promise<Record<LoopStep, NextStep | undefined>> {
  const seats = await deps.cadence.db.seat.findMany({ where: { archivedAt: null }, select: { ownerId: true } });
  const owners = await loopOwners(deps, [...new Set(seats.map((seat) => seat.ownerId))], now);
  return nextLoopSteps(now, deps.cadence.config, owners);
}

async function loopSteps(deps: StateDeps, now: Date): Promise<NextStep[]> {
  const next = await nextSteps(deps, now);
  return [next.checkin, next.reminder, next.deadline, next.digest].filter((step): step is NextStep => step !== undefined);
}
