// Socket Mode for the local Slack: `apps.connections.open` hands out a one-time WebSocket URL; on that socket
// Slack says `hello`, sends each event, slash command and interaction as an envelope, and waits for the app to
// answer with the envelope's `envelope_id` (and, for commands and interactions, an optional `payload`). A
// `disconnect` message (`refresh_requested`, `warning`, `link_disabled`) asks the app to reconnect with a new URL.
//   https://docs.slack.dev/apis/events-api/using-socket-mode
//   https://docs.slack.dev/reference/methods/apps.connections.open
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { LocalSlack } from "./server";
import { commandFields, eventCallback, nextEventId, type CommandInput } from "./signed-requests";

export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: unknown;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the app sent back for an envelope: an ack, with the payload commands and interactions may carry. */
export interface EnvelopeAck {
  envelopeId: string;
  payload: any;
}

const SOCKET_PATH = "/socket-mode/";
// Slack re-sends an event whose envelope is not acknowledged within 3 s; the local Slack reports it instead.
const ACK_TIMEOUT_MS = 3000;
// Slack pings its Socket Mode clients; the SDK reconnects when no ping arrives for a while.
const PING_EVERY_MS = 5000;

export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open = new Set<WebSocket>();
  private readonly awaitingAck = new Map<string, (ack: EnvelopeAck) => void>();
  private readonly pinger: NodeJS.Timeout;
  private counter = 0;
  /** Every ack received, in order (tests read them). */
  readonly acks: EnvelopeAck[] = [];

  constructor(
    private readonly wsBaseUrl: () => string,
    private readonly appId = "A_CADENCE",
  ) {
    this.pinger = setInterval(() => this.open.forEach((socket) => socket.ping()), PING_EVERY_MS);
    this.pinger.unref();
  }

  /** `apps.connections.open`: a fresh URL, good for one connection. */
  openConnection(): { url: string } {
    const ticket = randomBytes(12).toString("hex");
    this.tickets.add(ticket);
    return { url: `${this.wsBaseUrl()}${SOCKET_PATH}${ticket}` };
  }

  /** The HTTP server's `upgrade` handler: accepts only URLs handed out by openConnection(). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? "/", "ws://local").pathname;
    const ticket = path.startsWith(SOCKET_PATH) ? path.slice(SOCKET_PATH.length) : "";
    if (!this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  get connections(): number {
    return this.open.size;
  }

  /** Resolves once at least `count` connections have been greeted. */
  async connected(count = 1, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.open.size < count) {
      if (Date.now() > deadline) throw new Error(`Socket Mode: no app connected within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends an envelope on an open connection and waits for its ack; rejects when none comes within 3 s. */
  async deliver(type: EnvelopeType, payload: unknown, retry?: { attempt: number; reason: string }): Promise<EnvelopeAck> {
    await this.connected();
    const socket = [...this.open][this.counter % this.open.size]!;
    const envelope: SocketEnvelope = {
      envelope_id: `${Date.now().toString(16)}-${(++this.counter).toString(16).padStart(4, "0")}-${randomBytes(4).toString("hex")}`,
      type,
      payload,
      accepts_response_payload: type !== "events_api",
      ...(type === "events_api" ? { retry_attempt: retry?.attempt ?? 0, retry_reason: retry?.reason ?? "" } : {}),
    };
    return new Promise<EnvelopeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.awaitingAck.delete(envelope.envelope_id);
        reject(new Error(`Socket Mode: envelope ${envelope.envelope_id} (${type}) was not acknowledged within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      this.awaitingAck.set(envelope.envelope_id, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Asks every connected app to reconnect, as Slack does before recycling a server. */
  disconnectAll(reason: "refresh_requested" | "warning" | "link_disabled" = "refresh_requested"): void {
    for (const socket of this.open) socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "local-slack" } }));
  }

  close(): void {
    clearInterval(this.pinger);
    for (const socket of this.open) socket.terminate();
    this.open.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket): void {
    this.open.add(socket);
    socket.on("close", () => this.open.delete(socket));
    socket.on("message", (data) => this.receive(data.toString()));
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.open.size,
        debug_info: { host: "local-slack", approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private receive(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return; // Slack ignores what it cannot parse; so does the local one
    }
    if (typeof message.envelope_id !== "string") return;
    const ack: EnvelopeAck = { envelopeId: message.envelope_id, payload: message.payload ?? {} };
    this.acks.push(ack);
    this.awaitingAck.get(ack.envelopeId)?.(ack);
    this.awaitingAck.delete(ack.envelopeId);
  }
}

/**
 * Drives an app over Socket Mode the way `signedClient` drives one over HTTP: slash commands, interactions and
 * events as envelopes, each answer being the app's ack (and the payload it carried).
 */
export function socketModeClient(hub: SocketModeHub, context: { teamId: string; slack?: LocalSlack }) {
  return {
    command: (input: CommandInput) => hub.deliver("slash_commands", commandFields(input, context)),
    interaction: (payload: object) => hub.deliver("interactive", payload),
    event: (eventBody: object, opts: { eventId?: string; retryNum?: number; retryReason?: string } = {}) =>
      hub.deliver(
        "events_api",
        eventCallback(eventBody, { ...context, eventId: opts.eventId ?? nextEventId() }),
        opts.retryNum === undefined ? undefined : { attempt: opts.retryNum, reason: opts.retryReason ?? "timeout" },
      ),
  };
}
