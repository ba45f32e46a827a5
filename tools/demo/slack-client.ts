/**
 * The other half of the local Slack: what Slack's servers send the app when a person acts in the client.
 *
 * The local Slack (tools/local-slack) answers the app's Web API calls; this class plays the person's side. It
 * turns "Lena typed /issue list" or "Ada clicked Resolve" into the same signed slash command, event or
 * interaction Slack would post to the app, and keeps what Slack keeps per person on the client side: the
 * ephemeral answers only they see and the stack of modals open in front of them.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { LocalSlack, RecordedResponse, EphemeralMessage, StoredView } from "../local-slack/server";
import { escapeLikeSlack, signedClient, type SignedClient } from "../local-slack/signed-requests";
import { blockActionsPayload, viewSubmissionPayload } from "../testkit/interaction-payloads";

export const APP_COMMANDS = ["/cadence", "/scorecard", "/issue", "/priority", "/todo"] as const;
const MAX_EPHEMERALS_PER_CONVERSATION = 40;
const ANSWER_TIMEOUT_MS = 15_000;

/** An answer only one person sees: a command's reply through its response_url, or a chat.postEphemeral. */
export interface Ephemeral {
  id: string;
  user: string;
  channel: string;
  /** Demo time (ms) when it arrived. */
  at: number;
  /** The command line it answers, when it answers one. */
  command?: string;
  text?: string;
  blocks?: unknown[];
}

export interface OpenModal {
  viewId: string;
  /** `response_action: errors` of the last submission, by block id. */
  errors: Record<string, string>;
}

/** Where a clicked element sits. */
export type ActionContainer =
  | { type: "message"; channel: string; ts: string }
  | { type: "ephemeral"; channel: string; ephemeralId: string }
  | { type: "view"; viewId: string; values?: ViewStateValues };

/** The element clicked or changed, as Slack reports it in `actions[0]`. */
export interface ActionInput {
  block_id: string;
  action_id: string;
  type: string;
  value?: string;
  text?: unknown;
  selected_option?: unknown;
  selected_user?: string;
}

export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export type SubmitResult = { closed: true } | { closed: false; errors: Record<string, string> };

interface ResponseTarget {
  user: string;
  channel: string;
  command?: string;
  answered: (body: unknown) => void;
}

export class DemoSlackClient extends EventEmitter {
  private readonly signed: SignedClient;
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly ephemeralsByUser = new Map<string, Ephemeral[]>();
  private readonly modalsByUser = new Map<string, OpenModal[]>();
  private readonly modalIdsSeen = new Set<string>();

  constructor(private readonly deps: { slack: LocalSlack; appUrl: string; signingSecret: string; channelNames: Record<string, string>; now: () => Date }) {
    super();
    this.signed = signedClient({ appUrl: deps.appUrl, signingSecret: deps.signingSecret, slack: deps.slack });
    deps.slack.on("response", (response: RecordedResponse) => this.receiveResponse(response));
    deps.slack.on("ephemeral", (message: EphemeralMessage) =>
      this.addEphemeral({ user: message.user, channel: message.channel, text: message.text, blocks: message.blocks }),
    );
    deps.slack.on("view", (stored: StoredView) => this.noticeView(stored));
  }

  // --- What a person does -----------------------------------------------------------------------------------

  /** Runs `/issue add …` typed in `channel`; resolves with the first answer (or undefined if none comes). */
  async runSlashCommand(userId: string, channel: string, line: string): Promise<unknown> {
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!match) throw new Error(`not a slash command: ${line}`);
    const [, command, typed] = match as unknown as [string, string, string];
    const text = this.linkMentions(typed, { withName: true });
    if (!(APP_COMMANDS as readonly string[]).includes(command)) {
      // What Slack itself answers for a command no installed app declares.
      this.addEphemeral({
        user: userId,
        channel,
        command: line.trim(),
        text: `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
      });
      return undefined;
    }
    const answer = new Promise<unknown>((resolve) => {
      const responseUrl = this.newResponseUrl({ user: userId, channel, command: line.trim(), answered: resolve });
      const failed = (why: string) => {
        this.addEphemeral({ user: userId, channel, command: line.trim(), text: `:warning: ${command} failed: ${why}.` });
        resolve(undefined);
      };
      this.signed
        .command({ command, text, userId, userName: this.userName(userId), channelId: channel, responseUrl, triggerId: this.deps.slack.newTriggerId(userId) })
        .then((reply) => reply.status !== 200 && failed(`the app answered HTTP ${reply.status}`))
        .catch((error: Error) => failed(`the app could not be reached (${error.message})`));
      setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS).unref();
    });
    return answer;
  }

  /** A message typed in a conversation; in the DM with the bot the app hears it as a `message.im` event. */
  async postMessage(userId: string, channel: string, typed: string): Promise<void> {
    // Slack escapes &, < and > in what people type, keeping its own mention markup.
    const text = escapeLikeSlack(this.linkMentions(typed, { withName: false }));
    const message = this.deps.slack.addUserMessage({ channel, user: userId, text });
    // The manifest subscribes to message.im only: messages in channels reach no one but the people there.
    if (!message.channel.startsWith("D")) return;
    await this.signed.event({
      type: "message",
      channel_type: "im",
      channel: message.channel,
      user: userId,
      text,
      ts: message.ts,
      event_ts: message.ts,
      team: this.deps.slack.teamId,
    });
  }

  /** Opening the app's Home tab: Slack sends `app_home_opened` and the app publishes the view. */
  async openHome(userId: string): Promise<void> {
    const view = this.deps.slack.homeOf(userId);
    await this.signed.event({
      type: "app_home_opened",
      user: userId,
      channel: this.deps.slack.dmChannelOf(userId),
      tab: "home",
      event_ts: `${Date.now() / 1000}`,
      ...(view ? { view } : {}),
    });
  }

  /** A click on a button or a choice in a select: the `block_actions` interaction Slack would send. */
  async clickAction(userId: string, container: ActionContainer, action: ActionInput): Promise<void> {
    const source = { teamId: this.deps.slack.teamId, userId, triggerId: this.deps.slack.newTriggerId(userId) };
    let payload: Record<string, unknown>;
    if (container.type === "view") {
      const view = this.deps.slack.apiView(container.viewId);
      if (!view) throw new Error(`no view ${container.viewId}`);
      payload = {
        ...blockActionsPayload(source, { ...action }),
        container: { type: "view", view_id: container.viewId },
        view: { ...view, state: { values: container.values ?? {} } },
      };
    } else {
      const ephemeral = container.type === "ephemeral" ? this.findEphemeral(userId, container.ephemeralId) : undefined;
      const message =
        container.type === "message"
          ? this.deps.slack.apiMessage(container.channel, container.ts)
          : ephemeral && { type: "message", text: ephemeral.text ?? "", blocks: ephemeral.blocks, ts: ephemeral.id };
      if (!message) throw new Error("that message is gone");
      const responseUrl = this.newResponseUrl({ user: userId, channel: container.channel, answered: () => undefined });
      payload = blockActionsPayload(
        {
          ...source,
          responseUrl,
          message: { channelId: container.channel, ts: String(message.ts), isEphemeral: container.type === "ephemeral", body: message },
        },
        { ...action },
      );
      payload.channel = { id: container.channel, name: this.channelName(container.channel) };
    }
    Object.assign(payload, this.slackExtras(userId), { state: { values: {} } });
    const reply = await this.signed.interaction(payload);
    if (reply.status !== 200) throw new Error(`the app answered HTTP ${reply.status}`);
  }

  /** Submits the modal: `view_submission` with the typed values; `response_action: errors` keeps it open. */
  async submitModal(userId: string, viewId: string, values: ViewStateValues): Promise<SubmitResult> {
    const view = this.deps.slack.apiView(viewId);
    if (!view) throw new Error(`no view ${viewId}`);
    const reply = await this.signed.interaction({
      ...viewSubmissionPayload({ teamId: this.deps.slack.teamId, userId, triggerId: this.deps.slack.newTriggerId(userId) }, view, values),
      ...this.slackExtras(userId),
      response_urls: [],
    });
    if (reply.status !== 200) throw new Error(`the app answered HTTP ${reply.status}`);
    const answer = (reply.body ?? {}) as { response_action?: string; errors?: Record<string, string> };
    if (answer.response_action === "errors") {
      this.setErrors(userId, viewId, answer.errors ?? {});
      return { closed: false, errors: answer.errors ?? {} };
    }
    if (answer.response_action === "update" || answer.response_action === "push") {
      // Cadence never answers this way; say so rather than pretend.
      const errors = { [firstBlockId(view) ?? "_"]: `The demo cannot show response_action: ${answer.response_action}.` };
      this.setErrors(userId, viewId, errors);
      return { closed: false, errors };
    }
    if (answer.response_action === "clear") this.modalsByUser.delete(userId);
    else this.closeModal(userId, viewId);
    this.emit("changed");
    return { closed: true };
  }

  closeModal(userId: string, viewId: string): void {
    const stack = (this.modalsByUser.get(userId) ?? []).filter((modal) => modal.viewId !== viewId);
    this.modalsByUser.set(userId, stack);
    this.emit("changed");
  }

  // --- What a person sees -----------------------------------------------------------------------------------

  /** The modal in front of this person, if any (the top of their stack). */
  modalOf(userId: string): OpenModal | undefined {
    return this.modalsByUser.get(userId)?.at(-1);
  }

  ephemeralsOf(userId: string, channel: string): Ephemeral[] {
    return (this.ephemeralsByUser.get(userId) ?? []).filter((ephemeral) => ephemeral.channel === channel);
  }

  /** Drops every ephemeral answer (they do not survive a reload in Slack either). */
  forgetEphemerals(): void {
    this.ephemeralsByUser.clear();
    this.emit("changed");
  }

  // --- Bookkeeping ------------------------------------------------------------------------------------------

  /**
   * Slack's client turns a typed `@lena` into a mention: `<@U0LENA|lena>` in slash commands (the manifest's
   * should_escape), `<@U0LENA>` in messages. Unknown names stay plain text, as in Slack.
   */
  private linkMentions(text: string, { withName }: { withName: boolean }): string {
    const users = this.deps.slack.users();
    return text.replace(/(^|[\s(])@([a-z0-9](?:[\w.-]*\w)?)/gi, (whole, before: string, name: string) => {
      const user = users.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!user) return whole;
      return `${before}<@${user.id}${withName ? `|${user.name}` : ""}>`;
    });
  }

  private newResponseUrl(target: ResponseTarget): string {
    const url = this.deps.slack.newResponseUrl();
    this.responseTargets.set(url, target);
    return url;
  }

  private receiveResponse(response: RecordedResponse): void {
    const target = this.responseTargets.get(response.url);
    if (!target) return; // a response_url handed out by someone else (a test), not a person in this demo
    const body = (typeof response.body === "object" && response.body !== null ? response.body : { text: String(response.body) }) as {
      text?: string;
      blocks?: unknown[];
      delete_original?: boolean;
    };
    target.answered(body);
    if (body.delete_original) return;
    // Only ephemeral answers are shown (Cadence sends no other kind); they appear where the person acted.
    this.addEphemeral({ user: target.user, channel: target.channel, command: target.command, text: body.text, blocks: body.blocks });
  }

  private addEphemeral(input: Omit<Ephemeral, "id" | "at">): void {
    const list = this.ephemeralsByUser.get(input.user) ?? [];
    list.push({ ...input, id: randomUUID(), at: this.deps.now().getTime() });
    const sameConversation = list.filter((ephemeral) => ephemeral.channel === input.channel);
    if (sameConversation.length > MAX_EPHEMERALS_PER_CONVERSATION) list.splice(list.indexOf(sameConversation[0]!), 1);
    this.ephemeralsByUser.set(input.user, list);
    this.emit("changed");
  }

  private findEphemeral(userId: string, id: string): Ephemeral | undefined {
    return this.ephemeralsByUser.get(userId)?.find((ephemeral) => ephemeral.id === id);
  }

  /** A modal the app opened (views.open/push with a trigger id we issued) goes on top of that person's stack. */
  private noticeView(stored: StoredView): void {
    if (stored.type !== "modal" || !stored.user || this.modalIdsSeen.has(stored.id)) return;
    this.modalIdsSeen.add(stored.id);
    const stack = this.modalsByUser.get(stored.user) ?? [];
    stack.push({ viewId: stored.id, errors: {} });
    this.modalsByUser.set(stored.user, stack);
  }

  private setErrors(userId: string, viewId: string, errors: Record<string, string>): void {
    const modal = this.modalsByUser.get(userId)?.find((candidate) => candidate.viewId === viewId);
    if (modal) modal.errors = errors;
    this.emit("changed");
  }

  private userName(userId: string): string {
    return this.deps.slack.users().find((user) => user.id === userId)?.name ?? userId.toLowerCase();
  }

  /** What real Slack adds to every interaction payload beyond what the app reads. */
  private slackExtras(userId: string) {
    return {
      user: this.userRef(userId),
      token: "local-verification-token",
      team: { id: this.deps.slack.teamId, domain: "cadence-local" },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private userRef(userId: string) {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.deps.slack.teamId };
  }

  private channelName(channel: string): string {
    return this.deps.channelNames[channel] ?? (channel.startsWith("D") ? "directmessage" : channel.toLowerCase());
  }
}

function firstBlockId(view: Record<string, unknown>): string | undefined {
  const blocks = (view.blocks ?? []) as { type?: string; block_id?: string }[];
  return blocks.find((block) => block.type === "input")?.block_id;
}
