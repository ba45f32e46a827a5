import { describe, expect, it } from "vitest";
import { announcesStop, signStopWebhook, stopWebhookBackoffMs, stopWebhookBody, verifyStopWebhook } from "../../src/domain/stop-webhook";

describe("the stop webhook", () => {
  it("signs HMAC-SHA256 of <timestamp>.<body> in hex (checked against openssl)", () => {
    expect(signStopWebhook("whsec_test", 1764547200, '{"a":1}')).toBe("sha256=b6f2143a1a033b1cc7ccfdd67886f1bf023858b48bf2d18ef7d9cb2ddacabe0e");
  });

  it("verifies as a receiver would: right secret, untouched body, at most 5 minutes old", () => {
    const body = '{"a":1}';
    const headers = { timestamp: "1764547200", signature: signStopWebhook("whsec_test", 1764547200, body) };
    expect(verifyStopWebhook("whsec_test", headers, body, 1764547200 + 300)).toBe(true);
    expect(verifyStopWebhook("whsec_test", headers, body, 1764547200 + 301)).toBe(false);
    expect(verifyStopWebhook("whsec_other", headers, body, 1764547200)).toBe(false);
    expect(verifyStopWebhook("whsec_test", headers, '{"a":2}', 1764547200)).toBe(false);
  });

  it.each([
    ["pilot", "paused", true],
    ["production", "retired", true],
    ["paused", "shadow", true],
    ["paused", "retired", true],
    ["pilot", "shadow", false],
    ["shadow", "production", false],
  ] as const)("%s → %s is announced: %s", (from, to, announced) => {
    expect(announcesStop(from, to)).toBe(announced);
  });

  it("sends the fields the contract names", () => {
    const body = stopWebhookBody({
      seat: "Bot",
      stage: "paused",
      previousStage: "production",
      reason: "kill #3",
      by: "U1",
      at: new Date("2026-11-24T10:00:00Z"),
    });
    expect(JSON.parse(body)).toEqual({
      seat: "Bot",
      stage: "paused",
      previousStage: "production",
      reason: "kill #3",
      by: "U1",
      at: "2026-11-24T10:00:00.000Z",
    });
  });

  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [7, 3_600_000],
    [30, 3_600_000],
  ])("waits after failure %d: %d ms", (attempts, wait) => {
    expect(stopWebhookBackoffMs(attempts)).toBe(wait);
  });
});
