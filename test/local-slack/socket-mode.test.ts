// The local Slack's Socket Mode: one-time URLs, `hello` first, envelopes answered by envelope_id.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { WebSocket } from "ws";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";

let slack: LocalSlack;
beforeEach(async () => {
  slack = await startLocalSlack();
});
afterEach(async () => slack.close());

async function openUrl(): Promise<string> {
  const answer = await new WebClient("xapp-1-test", { slackApiUrl: slack.apiUrl }).apps.connections.open({});
  return String(answer.url);
}

function connect(url: string): Promise<{ socket: WebSocket; messages: any[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messages: any[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
    socket.once("open", () => resolve({ socket, messages }));
    socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once("error", reject);
  });
}

describe("local Slack Socket Mode", () => {
  it("says hello, sends envelopes, and resolves a delivery with the ack that carries its envelope_id", async () => {
    const { socket, messages } = await connect(await openUrl());
    await slack.waitFor(() => messages[0]);
    expect(messages[0]).toMatchObject({ type: "hello", num_connections: 1, connection_info: { app_id: "A_CADENCE" } });
    const delivered = slack.socketMode.deliver("slash_commands", { command: "/cadence", text: "help" });
    const envelope = await slack.waitFor(() => messages.find((message) => message.type === "slash_commands"));
    expect(envelope).toMatchObject({ accepts_response_payload: true, payload: { command: "/cadence" } });
    socket.send(JSON.stringify({ envelope_id: "someone-else", payload: {} }));
    socket.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: "ok" } }));
    expect(await delivered).toEqual({ envelopeId: envelope.envelope_id, payload: { text: "ok" } });
    socket.close();
  });

  it("refuses a URL the second time, and reports an envelope nobody acknowledges", async () => {
    const url = await openUrl();
    const { socket } = await connect(url);
    await expect(connect(url)).rejects.toThrow("HTTP 401");
    await expect(slack.socketMode.deliver("events_api", { event: { type: "app_mention" } })).rejects.toThrow(/not acknowledged within 3000 ms/);
    socket.close();
  });

  it("asks connected apps to reconnect with a disconnect message", async () => {
    const { socket, messages } = await connect(await openUrl());
    slack.socketMode.disconnectAll("warning");
    expect(await slack.waitFor(() => messages.find((message) => message.type === "disconnect"))).toMatchObject({ reason: "warning" });
    socket.close();
  });
});
