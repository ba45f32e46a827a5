// The rules the local Slack enforces as Slack documents them: Block Kit limits (as plain values), then the
// scope, channel, trigger_id and response_url rules over HTTP with Slack's error codes.
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BLOCK_KIT_LIMITS as LIMIT } from "../src/messages/limits";
import { blockKitProblems, viewFieldProblems, type Surface } from "../tools/local-slack/block-kit-rules";
import { startLocalSlack, type LocalSlack } from "../tools/local-slack/server";
import { slackErrorOf } from "./support/slack-error-of";

const text = (length: number) => "x".repeat(length);
const plain = (value: string) => ({ type: "plain_text", text: value });
const mrkdwn = (value: string) => ({ type: "mrkdwn", text: value });
const section = (value: string) => ({ type: "section", text: mrkdwn(value) });
const button = (fields: Record<string, unknown> = {}) => ({ type: "button", action_id: "a", text: plain("Go"), ...fields });
const actions = (elements: unknown[]) => ({ type: "actions", elements });
const input = (fields: Record<string, unknown>) => ({ type: "input", label: plain("Label"), element: { type: "plain_text_input", action_id: "v" }, ...fields });
const times = <T>(count: number, make: (index: number) => T) => Array.from({ length: count }, (_, index) => make(index));

/** Each limit: the largest thing Slack takes, and one more, which it refuses. */
const limitScenarios: { rule: string; surface?: Surface; within: unknown[]; beyond: unknown[] }[] = [
  { rule: "50 blocks a message", within: times(LIMIT.messageBlocks, () => section("a")), beyond: times(LIMIT.messageBlocks + 1, () => section("a")) },
  {
    rule: "100 blocks a modal",
    surface: "modal",
    within: times(LIMIT.viewBlocks, () => section("a")),
    beyond: times(LIMIT.viewBlocks + 1, () => section("a")),
  },
  {
    rule: "100 blocks a home tab",
    surface: "home",
    within: times(LIMIT.viewBlocks, () => section("a")),
    beyond: times(LIMIT.viewBlocks + 1, () => section("a")),
  },
  { rule: "section text 3,000", within: [section(text(3000))], beyond: [section(text(3001))] },
  {
    rule: "section fields: 10",
    within: [{ type: "section", fields: times(10, () => mrkdwn("f")) }],
    beyond: [{ type: "section", fields: times(11, () => mrkdwn("f")) }],
  },
  {
    rule: "section field text 2,000",
    within: [{ type: "section", fields: [mrkdwn(text(2000))] }],
    beyond: [{ type: "section", fields: [mrkdwn(text(2001))] }],
  },
  { rule: "header 150", within: [{ type: "header", text: plain(text(150)) }], beyond: [{ type: "header", text: plain(text(151)) }] },
  {
    rule: "context: 10 elements",
    within: [{ type: "context", elements: times(10, () => mrkdwn("c")) }],
    beyond: [{ type: "context", elements: times(11, () => mrkdwn("c")) }],
  },
  { rule: "context text 3,000", within: [{ type: "context", elements: [mrkdwn(text(3000))] }], beyond: [{ type: "context", elements: [mrkdwn(text(3001))] }] },
  {
    rule: "actions: 25 elements",
    within: [actions(times(25, (i) => button({ action_id: `a${i}` })))],
    beyond: [actions(times(26, (i) => button({ action_id: `a${i}` })))],
  },
  { rule: "button text 75", within: [actions([button({ text: plain(text(75)) })])], beyond: [actions([button({ text: plain(text(76)) })])] },
  { rule: "button value 2,000", within: [actions([button({ value: text(2000) })])], beyond: [actions([button({ value: text(2001) })])] },
  {
    rule: "button as a section accessory",
    within: [{ ...section("s"), accessory: button({ text: plain(text(75)) }) }],
    beyond: [{ ...section("s"), accessory: button({ text: plain(text(76)) }) }],
  },
  { rule: "action_id 255", within: [actions([button({ action_id: text(255) })])], beyond: [actions([button({ action_id: text(256) })])] },
  { rule: "block_id 255", within: [{ ...section("s"), block_id: text(255) }], beyond: [{ ...section("s"), block_id: text(256) }] },
  {
    rule: "block_id unique in a message",
    within: [
      { ...section("a"), block_id: "one" },
      { ...section("b"), block_id: "two" },
    ],
    beyond: [
      { ...section("a"), block_id: "one" },
      { ...section("b"), block_id: "one" },
    ],
  },
  { rule: "input label 2,000", surface: "modal", within: [input({ label: plain(text(2000)) })], beyond: [input({ label: plain(text(2001)) })] },
  { rule: "input hint 2,000", surface: "modal", within: [input({ hint: plain(text(2000)) })], beyond: [input({ hint: plain(text(2001)) })] },
  {
    rule: "plain_text_input max_length ≤ 3,000",
    surface: "modal",
    within: [input({ element: { type: "plain_text_input", action_id: "v", max_length: 3000 } })],
    beyond: [input({ element: { type: "plain_text_input", action_id: "v", max_length: 3001 } })],
  },
];

describe("Block Kit limits the local Slack enforces", () => {
  for (const scenario of limitScenarios) {
    it(`${scenario.rule}: takes the limit, refuses one more`, () => {
      const surface = scenario.surface ?? "message";
      expect(blockKitProblems(scenario.within, surface)).toEqual([]);
      expect(blockKitProblems(scenario.beyond, surface)).toHaveLength(1);
    });
  }

  it("counts characters as sent: an escaped & is five", () => {
    expect(blockKitProblems([{ type: "context", elements: [mrkdwn("&amp;".repeat(601))] }], "message")[0]).toMatch(/less than 3001 characters/);
  });

  it("modal title, submit and close 24; private_metadata 3,000", () => {
    const modal = (fields: Record<string, unknown>) => ({
      type: "modal",
      title: plain(text(24)),
      submit: plain(text(24)),
      close: plain(text(24)),
      private_metadata: text(3000),
      blocks: [],
      ...fields,
    });
    expect(viewFieldProblems(modal({}))).toEqual([]);
    for (const field of ["title", "submit", "close"]) expect(viewFieldProblems(modal({ [field]: plain(text(25)) }))).toHaveLength(1);
    expect(viewFieldProblems(modal({ private_metadata: text(3001) }))).toHaveLength(1);
    expect(viewFieldProblems({ type: "home", private_metadata: text(3001) })).toHaveLength(1);
  });
});

describe("the local Slack's access rules over HTTP", () => {
  let clock = 1_800_000_000_000;
  let slack: LocalSlack;
  let client: WebClient;

  beforeAll(async () => {
    slack = await startLocalSlack({ now: () => clock });
    slack.joinChannel("C1");
    client = new WebClient("xoxb-rules", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  });

  afterEach(() => slack.reset());

  afterAll(async () => {
    await slack.close();
  });

  it("answers invalid_blocks for a message over a limit, and invalid_arguments for a modal's own fields", async () => {
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C1", text: "t", blocks: [actions([button({ text: plain(text(200)) })])] as never }))).toBe(
      "invalid_blocks",
    );
    const modal = { type: "modal", title: plain(text(60)), blocks: [] };
    expect(await slackErrorOf(client.views.open({ trigger_id: slack.newTriggerId("U1"), view: modal as never }))).toBe("invalid_arguments");
    const home = { type: "home", blocks: times(LIMIT.viewBlocks + 1, () => section("a")) };
    expect(await slackErrorOf(client.views.publish({ user_id: "U1", view: home as never }))).toBe("invalid_blocks");
  });

  it("wants new block_ids on each update of a message", async () => {
    const blocks = [{ ...section("v1"), block_id: "summary" }];
    const posted = await client.chat.postMessage({ channel: "C1", text: "v1", blocks: blocks as never });
    expect(
      await slackErrorOf(client.chat.update({ channel: "C1", ts: posted.ts!, text: "v2", blocks: [{ ...section("v2"), block_id: "summary" }] as never })),
    ).toBe("invalid_blocks");
    await client.chat.update({ channel: "C1", ts: posted.ts!, text: "v2", blocks: [{ ...section("v2"), block_id: "summary.2" }] as never });
    expect(slack.messages("C1")[0]!.text).toBe("v2");
  });

  it("takes a trigger_id within 3 s of its issue on its own clock, once", async () => {
    const modal = { type: "modal", title: plain("Form"), blocks: [] };
    const fresh = slack.newTriggerId("U1");
    clock += 3000;
    await client.views.open({ trigger_id: fresh, view: modal as never });
    expect(await slackErrorOf(client.views.open({ trigger_id: fresh, view: modal as never }))).toBe("expired_trigger_id");
    const late = slack.newTriggerId("U1");
    clock += 3001;
    expect(await slackErrorOf(client.views.open({ trigger_id: late, view: modal as never }))).toBe("expired_trigger_id");
  });

  it("takes 5 posts to a response_url within 30 minutes, and refuses invalid blocks there", async () => {
    const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const url = slack.newResponseUrl();
    for (let use = 1; use <= 5; use++) expect((await post(url, { text: `answer ${use}` })).status).toBe(200);
    const sixth = await post(url, { text: "one too many" });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ ok: false, error: "used_url" });
    expect(slack.responses(url)).toHaveLength(5);

    const stale = slack.newResponseUrl();
    clock += 30 * 60 * 1000 + 1;
    expect(await (await post(stale, { text: "late" })).json()).toMatchObject({ error: "expired_url" });
    const invalid = await post(slack.newResponseUrl(), { text: "t", blocks: [section(text(3001))] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: "invalid_blocks" });
  });

  it("takes channel ids, not user ids, for chat.update, conversations.history and conversations.replies", async () => {
    const dm = await client.chat.postMessage({ channel: "U1", text: "to the DM" });
    expect(dm.channel).toBe("DU1");
    expect(await slackErrorOf(client.chat.update({ channel: "U1", ts: dm.ts!, text: "edit" }))).toBe("channel_not_found");
    expect(await slackErrorOf(client.conversations.history({ channel: "U1" }))).toBe("channel_not_found");
    expect(await slackErrorOf(client.conversations.replies({ channel: "U1", ts: dm.ts! }))).toBe("channel_not_found");
    await client.chat.update({ channel: "DU1", ts: dm.ts!, text: "edit" });
    expect((await client.conversations.history({ channel: "DU1" })).messages).toHaveLength(1);
  });

  it("posts to and reads a channel only when the bot is a member, and says so in conversations.info", async () => {
    slack.addChannel("C2", "general");
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C2", text: "hi" }))).toBe("not_in_channel");
    expect(await slackErrorOf(client.conversations.history({ channel: "C2" }))).toBe("not_in_channel");
    expect(await slackErrorOf(client.chat.postMessage({ channel: "G2", text: "hi" }))).toBe("channel_not_found");
    expect((await client.conversations.info({ channel: "C2" })).channel).toMatchObject({ id: "C2", is_member: false });

    slack.joinChannel("C2");
    await client.chat.postMessage({ channel: "C2", text: "hi" });
    expect((await client.conversations.info({ channel: "C2" })).channel).toMatchObject({ is_member: true });
    slack.leaveChannel("C2");
    expect(await slackErrorOf(client.chat.postMessage({ channel: "C2", text: "again" }))).toBe("not_in_channel");
  });

  it("grants the scopes in manifest.json and answers missing_scope outside them", async () => {
    await client.users.info({ user: "UBOT" });
    const narrow = await startLocalSlack({ scopes: ["chat:write"] });
    try {
      const narrowClient = new WebClient("xoxb-narrow", { slackApiUrl: narrow.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
      expect(await slackErrorOf(narrowClient.users.info({ user: "UBOT" }))).toBe("missing_scope");
      const raw = await fetch(`${narrow.apiUrl}conversations.history?channel=C1`, { headers: { Authorization: "Bearer xoxb-narrow" } });
      expect(await raw.json()).toEqual({ ok: false, error: "missing_scope", needed: "channels:history", provided: "chat:write" });
      await narrowClient.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } }); // views.* need no scope
    } finally {
      await narrow.close();
    }
  });
});
