import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import { postRetryPolicy } from "../../src/slack/app";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";

let slack: LocalSlack;
let client: WebClient;

beforeAll(async () => {
  slack = await startLocalSlack();
  for (const channel of ["C1", "C2"]) slack.joinChannel(channel);
  const retryConfig = postRetryPolicy({ retries: 4, factor: 1, minTimeout: 10, maxTimeout: 20 });
  client = new WebClient("xoxb-local-test", { slackApiUrl: slack.apiUrl, retryConfig, logLevel: LogLevel.ERROR });
});

afterAll(async () => {
  await slack.close();
});

it("does not retry a post Slack may have taken: a 500 after storing leaves exactly one message", async () => {
  slack.failNext("chat.postMessage", { status: 500, afterStoring: true });
  await expect(client.chat.postMessage({ channel: "C1", text: "once" })).rejects.toMatchObject({ code: "slack_webapi_http_error" });
  expect(slack.messages("C1").map((message) => message.text)).toEqual(["once"]);
  expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
});

it("still waits out a 429 and posts once", async () => {
  slack.failNext("chat.postMessage", { status: 429, retryAfter: 0 }, 2);
  await client.chat.postMessage({ channel: "C2", text: "after the limit" });
  expect(slack.messages("C2").map((message) => message.text)).toEqual(["after the limit"]);
  expect(
    slack
      .callsTo("chat.postMessage")
      .filter((call) => call.params.channel === "C2")
      .map((call) => call.error),
  ).toEqual(["ratelimited", "ratelimited", undefined]);
});
