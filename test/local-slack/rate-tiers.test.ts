// Slack's rate-limit tiers as the local Slack models them: a burst, then the tier's steady rate, and Retry-After.
import { describe, expect, it } from "vitest";
import { WebClient } from "@slack/web-api";
import { RateTiers, tierBurst } from "../../tools/local-slack/rate-tiers";
import { startLocalSlack } from "../../tools/local-slack/server";

function clockAt(start = 0) {
  const clock = { ms: start, now: () => clock.ms };
  return clock;
}

function takeMany(tiers: RateTiers, method: string, times: number, channel?: string) {
  return Array.from({ length: times }, () => tiers.take(method, channel));
}

describe("RateTiers", () => {
  const scenarios = [
    { method: "users.list", perMinute: 20 },
    { method: "conversations.open", perMinute: 50 },
    { method: "conversations.history", perMinute: 50 },
    { method: "users.info", perMinute: 100 },
    { method: "views.publish", perMinute: 100 },
    { method: "views.open", perMinute: 100 },
  ];
  for (const { method, perMinute } of scenarios) {
    it(`${method}: a burst of ${tierBurst(perMinute)}, then ${perMinute} a minute with Retry-After`, () => {
      const clock = clockAt();
      const tiers = new RateTiers(clock.now);
      const burst = tierBurst(perMinute);
      expect(takeMany(tiers, method, burst).every((decision) => decision.allowed)).toBe(true);
      const refused = tiers.take(method);
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: Math.ceil(60 / perMinute) });
      clock.ms += (60_000 / perMinute) * 0.99;
      expect(tiers.take(method).allowed).toBe(false);
      clock.ms += (60_000 / perMinute) * 0.02;
      expect(tiers.take(method).allowed).toBe(true);
      // Over a whole minute of steady calls, no more than the tier's number get through (plus the burst).
      let allowed = 0;
      for (let second = 0; second < 60; second += 0.1) {
        clock.ms += 100;
        if (tiers.take(method).allowed) allowed += 1;
      }
      expect(allowed).toBeLessThanOrEqual(perMinute + 1);
      expect(allowed).toBeGreaterThanOrEqual(perMinute - 1);
    });
  }

  it("chat.postMessage: a short burst per channel, then one a second; other channels are not held back", () => {
    const clock = clockAt();
    const tiers = new RateTiers(clock.now);
    expect(takeMany(tiers, "chat.postMessage", 3, "C1").every((decision) => decision.allowed)).toBe(true);
    expect(tiers.take("chat.postMessage", "C1")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(tiers.take("chat.postMessage", "DU2").allowed).toBe(true);
    clock.ms += 1000;
    expect(tiers.take("chat.postMessage", "C1").allowed).toBe(true);
    expect(tiers.take("chat.postMessage", "C1").allowed).toBe(false);
  });

  it("methods of different tiers are counted apart, and unlisted methods are not limited", () => {
    const tiers = new RateTiers(clockAt().now);
    takeMany(tiers, "users.list", 2);
    expect(tiers.take("users.list").allowed).toBe(false);
    expect(tiers.take("users.info").allowed).toBe(true);
    expect(takeMany(tiers, "auth.test", 500).every((decision) => decision.allowed)).toBe(true);
  });
});

describe("local Slack with rate limits on", () => {
  it("answers HTTP 429 ratelimited with Retry-After past the tier, and only when switched on", async () => {
    const slack = await startLocalSlack({ rateLimits: true });
    try {
      const client = new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
      await client.users.list({});
      await client.users.list({});
      const error = await client.users.list({}).catch((caught: { code?: string; retryAfter?: number }) => caught);
      expect(error).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 3 });
      expect(slack.callsTo("users.list").map((call) => call.error ?? "ok")).toEqual(["ok", "ok", "ratelimited"]);
      slack.setRateLimits(false);
      for (let i = 0; i < 5; i++) await client.users.list({});
    } finally {
      await slack.close();
    }
  });
});
