import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLocalSlack, type LocalSlack, type StoredMessage } from "../tools/local-slack/server";
import { escapeLikeSlack, signSlackRequest, signedClient } from "../tools/local-slack/signed-requests";
import { slackErrorOf } from "./support/slack-error-of";

let slack: LocalSlack;
let client: WebClient;

// The bot is a member of the channels these tests post to, as after `/invite @Cadence` (C9 stays unjoined).
const JOINED = ["C1", "C2", "C3", "C4", "C5"];

beforeAll(async () => {
  slack = await startLocalSlack();
  for (const channel of JOINED) slack.joinChannel(channel);
  client = clientFor(slack);
});

afterEach(() => {
  slack.reset();
  slack.setLatency(0);
});

afterAll(async () => {
  await slack.close();
});

function clientFor(target: LocalSlack, options: { maxRequestConcurrency?: number } = {}): WebClient {
  return new WebClient("xoxb-local-test", {
    slackApiUrl: target.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("local Slack Web API", () => {
  it("answers auth.test with the bot identity", async () => {
    const answer = await client.auth.test();
    expect(answer).toMatchObject({ ok: true, user_id: "UBOT", team_id: "T0001", bot_id: "B0001" });
  });

  it("posts to channels and to users' DMs with unique increasing timestamps", async () => {
    const first = await client.chat.postMessage({ channel: "C1", text: "hello" });
    const second = await client.chat.postMessage({ channel: "U42", text: "hi", blocks: [section("hi")] });
    const third = await client.chat.postMessage({ channel: "C1", text: "again" });

    expect(first).toMatchObject({ ok: true, channel: "C1", message: { text: "hello", user: "UBOT" } });
    expect(second.channel).toBe("DU42");
    expect(slack.dmChannelOf("U42")).toBe("DU42");
    expect(slack.dmsTo("U42").map((m) => m.text)).toEqual(["hi"]);
    expect(slack.messages("C1").map((m) => m.text)).toEqual(["hello", "again"]);
    const stamps = [first.ts!, second.ts!, third.ts!];
    expect(stamps.every((ts) => /^\d{10}\.\d{6}$/.test(ts))).toBe(true);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
  });

  it("rejects messages with no text or blocks, and blocks over Slack's limits", async () => {
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C1" } as never))).toBe("no_text");
    const tooMany = Array.from({ length: 51 }, () => section("x"));
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C1", text: "t", blocks: tooMany }))).toBe("invalid_blocks");
    const tooLong = [section("x".repeat(3001))];
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C1", text: "t", blocks: tooLong }))).toBe("invalid_blocks");
    expect(slack.callsTo("chat.postMessage").map((call) => call.error)).toEqual(["no_text", "invalid_blocks", "invalid_blocks"]);
  });

  it("keeps threads and metadata, and shows metadata in history only when asked", async () => {
    const metadata = { event_type: "checkin", event_payload: { week: "2026-W47" } };
    const parent = await client.chat.postMessage({ channel: "C1", text: "parent", metadata });
    await client.chat.postMessage({ channel: "C1", text: "reply 1", thread_ts: parent.ts });
    await client.chat.postMessage({ channel: "C1", text: "reply 2", thread_ts: parent.ts });
    await client.chat.postMessage({ channel: "C1", text: "later" });

    const plain = await client.conversations.history({ channel: "C1" });
    expect(plain.messages!.map((m) => m.text)).toEqual(["later", "parent"]);
    expect(plain.messages![1]).toMatchObject({ reply_count: 2, thread_ts: parent.ts });
    expect(plain.messages![1]!.metadata).toBeUndefined();

    const withMetadata = await client.conversations.history({ channel: "C1", include_all_metadata: true });
    expect(withMetadata.messages![1]!.metadata).toEqual(metadata);

    const thread = await client.conversations.replies({ channel: "C1", ts: parent.ts! });
    expect(thread.messages!.map((m) => m.text)).toEqual(["parent", "reply 1", "reply 2"]);
    expect(slack.messages("C1")).toHaveLength(4);
  });

  it("filters history by oldest, latest and limit, and pages with a cursor", async () => {
    const posted: string[] = [];
    for (const text of ["a", "b", "c", "d"]) posted.push((await client.chat.postMessage({ channel: "C2", text })).ts!);

    const between = await client.conversations.history({ channel: "C2", oldest: posted[0], latest: posted[3] });
    expect(between.messages!.map((m) => m.text)).toEqual(["c", "b"]);

    const firstPage = await client.conversations.history({ channel: "C2", limit: 3 });
    expect(firstPage.messages!.map((m) => m.text)).toEqual(["d", "c", "b"]);
    expect(firstPage.has_more).toBe(true);
    const secondPage = await client.conversations.history({
      channel: "C2",
      limit: 3,
      cursor: firstPage.response_metadata!.next_cursor,
    });
    expect(secondPage.messages!.map((m) => m.text)).toEqual(["a"]);
    expect(secondPage.has_more).toBe(false);
  });

  it("pages a thread with limit and cursor, oldest first, the parent on the first page", async () => {
    const parent = await client.chat.postMessage({ channel: "C3", text: "parent" });
    for (const text of ["r1", "r2", "r3", "r4"]) await client.chat.postMessage({ channel: "C3", text, thread_ts: parent.ts });

    const first = await client.conversations.replies({ channel: "C3", ts: parent.ts!, limit: 3 });
    expect(first.messages!.map((m) => m.text)).toEqual(["parent", "r1", "r2"]);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.replies({ channel: "C3", ts: parent.ts!, limit: 3, cursor: first.response_metadata!.next_cursor });
    expect(second.messages!.map((m) => m.text)).toEqual(["r3", "r4"]);
    expect(second.has_more).toBe(false);
    expect(second.response_metadata!.next_cursor).toBe("");
  });

  it("pages a long history to its end with next_cursor", async () => {
    for (let i = 0; i < 25; i += 1) await client.chat.postMessage({ channel: "C4", text: `m${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.history({ channel: "C4", limit: 10, cursor });
      seen.push(...page.messages!.map((m) => m.text!));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(seen[0]).toBe("m24");
    expect(seen.at(-1)).toBe("m0");
  });

  it("can store a message and then answer 500, as when Slack's answer is lost", async () => {
    slack.failNext("chat.postMessage", { status: 500, afterStoring: true });
    const raw = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { Authorization: "Bearer xoxb-x", "content-type": "application/json" },
      body: JSON.stringify({ channel: "C5", text: "taken" }),
    });
    expect(raw.status).toBe(500);
    expect(slack.messages("C5").map((m) => m.text)).toEqual(["taken"]);
    // A plain 500 stores nothing.
    slack.failNext("chat.postMessage", { status: 500 });
    await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { Authorization: "Bearer xoxb-x", "content-type": "application/json" },
      body: JSON.stringify({ channel: "C5", text: "lost" }),
    });
    expect(slack.messages("C5").map((m) => m.text)).toEqual(["taken"]);
  });

  it("updates and deletes messages, failing on unknown ones", async () => {
    const posted = await client.chat.postMessage({ channel: "C1", text: "draft" });
    const updated = await client.chat.update({ channel: "C1", ts: posted.ts!, text: "final", blocks: [section("final")] });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: "final" });
    expect(slack.messages("C1")[0]).toMatchObject({ text: "final", edited: true });

    expect(await slackErrorOf(client.chat.update({ channel: "C1", ts: "1.000001", text: "x" }))).toBe("message_not_found");
    await client.chat.delete({ channel: "C1", ts: posted.ts! });
    expect(slack.messages("C1")).toEqual([]);
    expect(await slackErrorOf(client.chat.delete({ channel: "C1", ts: posted.ts! }))).toBe("message_not_found");
  });

  it("answers ephemeral posts, permalinks and conversations.open", async () => {
    const ephemeral = await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "only you" });
    expect(ephemeral.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(slack.callsTo("chat.postEphemeral")[0]!.params).toMatchObject({ user: "U1", text: "only you" });

    const posted = await client.chat.postMessage({ channel: "C1", text: "link me" });
    const link = await client.chat.getPermalink({ channel: "C1", message_ts: posted.ts! });
    expect(link.permalink).toContain("/archives/C1/p");

    const opened = await client.conversations.open({ users: "U7" });
    expect(opened.channel!.id).toBe("DU7");
  });

  it("serves users with time zones and reports unknown ones", async () => {
    slack.addUser({ id: "U1", name: "ada", real_name: "Ada Lovelace", tz: "Asia/Kolkata", is_admin: true });
    slack.addUser({ id: "U2", name: "bob" });
    slack.updateUser("U2", { deleted: true });

    const info = await client.users.info({ user: "U1" });
    expect(info.user).toMatchObject({
      id: "U1",
      real_name: "Ada Lovelace",
      tz: "Asia/Kolkata",
      tz_offset: 19800,
      is_admin: true,
      is_owner: false,
      is_bot: false,
      deleted: false,
      team_id: "T0001",
    });
    expect((await client.users.info({ user: "U2" })).user!.deleted).toBe(true);
    expect(await slackErrorOf(client.users.info({ user: "U404" }))).toBe("user_not_found");
    expect((await client.users.list({})).members!.map((m) => m.id)).toEqual(["U1", "U2"]);
    expect(slack.users()).toHaveLength(2);
    slack.reset();
    expect(slack.users()).toHaveLength(2); // reset keeps users
  });

  it("opens, updates, pushes and publishes views with hashes and one-shot triggers", async () => {
    const modal = { type: "modal" as const, callback_id: "kpi", title: { type: "plain_text" as const, text: "KPI" }, blocks: [] };
    const triggerId = slack.newTriggerId("U1");
    const opened = await client.views.open({ trigger_id: triggerId, view: modal });
    const viewId = opened.view!.id!;
    expect(viewId).toMatch(/^V/);
    expect(opened.view).toMatchObject({ callback_id: "kpi", type: "modal" });
    expect(slack.views.get(viewId)).toMatchObject({ user: "U1", trigger_id: triggerId });
    expect(await slackErrorOf(client.views.open({ trigger_id: triggerId, view: modal }))).toBe("expired_trigger_id");
    expect(await slackErrorOf(client.views.open({ view: modal } as never))).toBe("invalid_arguments");

    const updated = await client.views.update({ view_id: viewId, hash: opened.view!.hash, view: { ...modal, callback_id: "kpi2" } });
    expect(updated.view!.hash).not.toBe(opened.view!.hash);
    expect(await slackErrorOf(client.views.update({ view_id: viewId, hash: opened.view!.hash, view: modal }))).toBe("hash_conflict");

    const pushed = await client.views.push({ trigger_id: slack.newTriggerId(), view: modal });
    expect(pushed.view!.id).not.toBe(viewId);

    const home = { type: "home" as const, blocks: [section("your seats")] };
    await client.views.publish({ user_id: "U1", view: home });
    expect(slack.homeOf("U1")).toEqual(home);
    expect(slack.homeOf("U2")).toBeUndefined();
  });

  it("retries injected 429s and 500s through WebClient, recording every attempt", async () => {
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    slack.failNext("chat.postMessage", { status: 500 });
    const answer = await client.chat.postMessage({ channel: "C1", text: "eventually" });
    expect(answer.ok).toBe(true);
    expect(slack.callsTo("chat.postMessage").map((call) => [call.ok, call.error])).toEqual([
      [false, "ratelimited"],
      [false, "internal_error"],
      [true, undefined],
    ]);
    expect(slack.messages("C1")).toHaveLength(1);
  });

  it("sends Retry-After with injected 429s and gives up after repeated failures", async () => {
    slack.failNext("users.info", { status: 429, retryAfter: 7 });
    const raw = await fetch(`${slack.apiUrl}users.info?user=U1`, { headers: { Authorization: "Bearer xoxb-x" } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    expect(await raw.json()).toEqual({ ok: false, error: "ratelimited" });

    slack.failNext("users.info", { status: 500 }, 3);
    await expect(client.users.info({ user: "U1" })).rejects.toThrow();
    expect(slack.callsTo("users.info")).toHaveLength(4);

    slack.failNext("chat.postMessage", { error: "channel_not_found" });
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C9", text: "x" }))).toBe("channel_not_found");
  });

  it("requires a token, takes JSON and GET requests, and refuses unknown methods", async () => {
    const noToken = await fetch(`${slack.apiUrl}auth.test`, { method: "POST" });
    expect(await noToken.json()).toEqual({ ok: false, error: "not_authed" });

    const json = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { Authorization: "Bearer xoxb-x", "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: "C3", blocks: [section("json")] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: "C3" });
    expect(slack.messages("C3")[0]!.blocks).toEqual([section("json")]);

    const viaGet = await fetch(`${slack.apiUrl}conversations.history?channel=C3&token=xoxb-x`);
    expect(((await viaGet.json()) as { messages: unknown[] }).messages).toHaveLength(1);

    expect(await slackErrorOf(client.apiCall("admin.nonsense"))).toBe("unknown_method");
    expect(slack.calls.map((call) => call.method)).toEqual(["auth.test", "chat.postMessage", "conversations.history", "admin.nonsense"]);
    expect(slack.calls.every((call) => !("token" in call.params))).toBe(true);
  });

  it("records what the app posts to response URLs", async () => {
    const url = slack.newResponseUrl();
    const answer = await fetch(url, { method: "POST", body: JSON.stringify({ text: "done", response_type: "ephemeral" }) });
    expect(await answer.json()).toEqual({ ok: true });
    expect(slack.responses(url)).toEqual([{ url, body: { text: "done", response_type: "ephemeral" }, at: expect.any(Number) }]);
    expect(slack.responses(slack.newResponseUrl())).toEqual([]);
  });

  it("emits call and message events", async () => {
    const seen: string[] = [];
    const onCall = (call: { method: string }) => seen.push(`call:${call.method}`);
    const onMessage = (message: StoredMessage) => seen.push(`message:${message.text}`);
    slack.on("call", onCall).on("message", onMessage);
    await client.chat.postMessage({ channel: "C1", text: "hey" });
    slack.off("call", onCall).off("message", onMessage);
    expect(seen).toEqual(["message:hey", "call:chat.postMessage"]);
  });

  it("handles many concurrent calls under latency", async () => {
    // Speed is measured by bench/, not asserted here (shared machines are noisy): this checks correctness under load.
    slack.setLatency(20);
    const posts = Array.from({ length: 300 }, (_, i) => client.chat.postMessage({ channel: `U${i}`, text: `dm ${i}` }));
    const answers = await Promise.all(posts);
    expect(new Set(answers.map((a) => a.ts)).size).toBe(300);
    expect(slack.dmsTo("U299")).toHaveLength(1);
  });

  it("waitFor resolves with the probe's value and times out with a clear message", async () => {
    setTimeout(() => void client.chat.postMessage({ channel: "U5", text: "late" }), 30);
    const dm = await slack.waitFor(() => slack.dmsTo("U5")[0]);
    expect(dm.text).toBe("late");
    await expect(slack.waitFor(() => slack.dmsTo("U6")[0], 50)).rejects.toThrow(
      /timed out after 50 ms waiting for: .*dmsTo\("U6"\)[\s\S]*last Slack calls: chat\.postMessage\(ok\)/,
    );
  });
});

describe("signed requests", () => {
  const secret = "test-signing-secret";
  let receiver: Server;
  let received: { headers: IncomingMessage["headers"]; body: string; path: string }[];
  let appUrl: string;

  beforeAll(async () => {
    receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: request.headers, body, path: request.url ?? "" });
      const valid = hasValidSignature(request.headers, body);
      response.writeHead(valid ? 200 : 401, { "Content-Type": valid ? "application/json" : "text/plain" });
      response.end(valid ? JSON.stringify({ verified: true }) : "invalid signature");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    received = [];
  });

  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  /** An independent check, written like Bolt's: HMAC over v0:timestamp:body, five-minute window. */
  function hasValidSignature(headers: IncomingMessage["headers"], body: string): boolean {
    const timestamp = Number(headers["x-slack-request-timestamp"]);
    if (Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
    const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`);
    const actual = Buffer.from(String(headers["x-slack-signature"] ?? ""));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  it("signs like Slack", () => {
    expect(signSlackRequest("s", 1, "b")).toBe(`v0=${createHmac("sha256", "s").update("v0:1:b").digest("hex")}`);
  });

  it("sends slash commands form-encoded with Slack's fields, a response URL and a trigger id", async () => {
    received = [];
    const signed = signedClient({ appUrl, signingSecret: secret, slack });
    const answer = await signed.command({ command: "/scorecard", text: "goal <= 30 for <@U2|bob> & co", userId: "U1" });
    expect(answer).toEqual({ status: 200, body: { verified: true }, text: '{"verified":true}' });

    const [request] = received;
    expect(request!.path).toBe("/slack/events");
    const form = Object.fromEntries(new URLSearchParams(request!.body));
    expect(form).toMatchObject({
      command: "/scorecard",
      text: "goal &lt;= 30 for <@U2|bob> &amp; co",
      user_id: "U1",
      channel_id: "C_CADENCE",
      team_id: "T0001",
    });
    expect(form.response_url).toMatch(new RegExp(`^${slack.baseUrl}/response/`));
    expect(form.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
  });

  it("wraps events in an event_callback envelope with retry headers", async () => {
    received = [];
    const signed = signedClient({ appUrl, signingSecret: secret });
    const answer = await signed.event({ type: "app_home_opened", user: "U1" }, { eventId: "Ev1", retryNum: 1 });
    expect(answer.status).toBe(200);
    const [request] = received;
    expect(request!.headers["x-slack-retry-num"]).toBe("1");
    expect(request!.headers["x-slack-retry-reason"]).toBe("http_timeout");
    expect(JSON.parse(request!.body)).toMatchObject({
      type: "event_callback",
      event_id: "Ev1",
      team_id: "T0001",
      event: { type: "app_home_opened", user: "U1" },
    });
  });

  it("posts interactions as a payload form field", async () => {
    received = [];
    const signed = signedClient({ appUrl, signingSecret: secret });
    await signed.interaction({ type: "block_actions", actions: [{ action_id: "a" }] });
    expect(JSON.parse(new URLSearchParams(received[0]!.body).get("payload")!)).toEqual({
      type: "block_actions",
      actions: [{ action_id: "a" }],
    });
  });

  it("produces requests a verifier rejects when forged or stale", async () => {
    const signed = signedClient({ appUrl, signingSecret: secret });
    const forged = await signed.raw("{}", "application/json", { secret: "wrong" });
    expect(forged).toEqual({ status: 401, body: undefined, text: "invalid signature" });
    const stale = await signed.raw("{}", "application/json", { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
  });

  it("escapes command text like Slack but keeps Slack's own markup", () => {
    expect(escapeLikeSlack("a < b > c & <#C1|general> <!here> <https://x.y|x>")).toBe("a &lt; b &gt; c &amp; <#C1|general> <!here> <https://x.y|x>");
  });
});

describe("local Slack for a Slack client (the demo)", () => {
  it("records chat.postEphemeral per user and emits it", async () => {
    const seen: unknown[] = [];
    const listener = (message: unknown) => seen.push(message);
    slack.on("ephemeral", listener);
    await client.chat.postEphemeral({ channel: "C1", user: "U1", text: "only you" });
    slack.off("ephemeral", listener);
    expect(slack.ephemerals("U1")).toMatchObject([{ channel: "C1", user: "U1", text: "only you" }]);
    expect(slack.ephemerals("U2")).toEqual([]);
    expect(seen).toHaveLength(1);
    slack.reset();
    expect(slack.ephemerals()).toEqual([]);
  });

  it("gives the message and view objects Slack puts in interaction payloads", async () => {
    const posted = await client.chat.postMessage({ channel: "C1", text: "hi", blocks: [section("hi")] });
    expect(slack.apiMessage("C1", posted.ts!)).toMatchObject({ type: "message", ts: posted.ts, text: "hi", bot_id: "B0001", blocks: [section("hi")] });
    expect(slack.apiMessage("C1", "1.000001")).toBeUndefined();
    const opened = await client.views.open({
      trigger_id: slack.newTriggerId("U1"),
      view: { type: "modal", callback_id: "form", title: { type: "plain_text", text: "Form" }, blocks: [] },
    });
    expect(slack.apiView(opened.view!.id!)).toMatchObject({ id: opened.view!.id, type: "modal", callback_id: "form", state: { values: {} } });
  });

  it("restores messages, threads and views from a snapshot, with later timestamps after the restored ones", async () => {
    const root = await client.chat.postMessage({ channel: "C1", text: "root" });
    await client.chat.postMessage({ channel: "C1", text: "reply", thread_ts: root.ts });
    await client.views.publish({ user_id: "U1", view: { type: "home", blocks: [section("home")] } });
    const snapshot = JSON.parse(JSON.stringify(slack.snapshot()));

    let clock = 1_000; // far behind the saved timestamps, as after a restart with an older demo clock
    const restored = await startLocalSlack({ now: () => clock++ });
    try {
      restored.restore(snapshot);
      restored.joinChannel("C1"); // membership is set up by whoever starts the fake, not saved with messages
      expect(restored.messages("C1").map((message) => message.text)).toEqual(["root", "reply"]);
      expect(restored.homeOf("U1")).toEqual({ type: "home", blocks: [section("home")] });
      const history = await clientFor(restored).conversations.replies({ channel: "C1", ts: root.ts! });
      expect(history.messages!.map((message) => message.text)).toEqual(["root", "reply"]);
      const later = await clientFor(restored).chat.postMessage({ channel: "C1", text: "later" });
      expect(Number(later.ts)).toBeGreaterThan(Number(root.ts));
      const view = await clientFor(restored).views.open({
        trigger_id: restored.newTriggerId("U1"),
        view: { type: "modal", title: { type: "plain_text", text: "x" }, blocks: [] },
      });
      expect(snapshot.views.map((saved: { id: string }) => saved.id)).not.toContain(view.view!.id);
    } finally {
      await restored.close();
    }
  });
});
