import { describe, expect, it } from "vitest";
import { describeDeliveryKey, fixFor, isPermanentSlackError, retryDelayMs } from "../../src/domain/delivery-failures";

describe("retryDelayMs", () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [6, 1_920_000],
    [7, 3_600_000],
    [500, 3_600_000],
  ])("after attempt %i waits %i ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe("permanent Slack errors", () => {
  it("are the ones no retry can fix", () => {
    for (const code of ["not_in_channel", "channel_not_found", "is_archived", "invalid_blocks", "user_not_found", "account_inactive"]) {
      expect(isPermanentSlackError(code)).toBe(true);
    }
    for (const code of ["ratelimited", "internal_error", "fatal_error", undefined, "toString"]) expect(isPermanentSlackError(code)).toBe(false);
  });

  it("say what to do", () => {
    expect(fixFor("not_in_channel", "C123")).toBe("invite @Cadence to <#C123> (`/invite @Cadence` in that channel)");
    expect(fixFor("account_inactive", "U1")).toContain("<@U1> is deactivated");
    expect(fixFor("something_new", "C1")).toBe("Slack answered `something_new`");
  });
});

describe("describeDeliveryKey", () => {
  it.each([
    ["issue:12", "the post of issue #12"],
    ["checkin:U1:2026-W47", "the 2026-W47 check-in DM to <@U1>"],
    ["reminder:U1:2026-W47", "the 2026-W47 reminder to <@U1>"],
    ["digest:2026-W47:main", "the 2026-W47 digest"],
    ["digest:2026-W47:thread:0", "part 1 of the 2026-W47 digest's thread"],
    ["other:x", "message `other:x`"],
  ])("%s", (key, words) => {
    expect(describeDeliveryKey(key)).toBe(words);
  });
});
