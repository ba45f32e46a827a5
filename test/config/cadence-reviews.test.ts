import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config";

const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", CADENCE_CHANNEL: "C1" };

describe("CADENCE_REVIEWS", () => {
  it("defaults to security, privacy and operations", () => {
    expect(loadConfig(base).requiredReviews).toEqual(["security", "privacy", "operations"]);
  });

  it("takes a comma-separated list, any case, without repeats", () => {
    expect(loadConfig({ ...base, CADENCE_REVIEWS: "Security, compliance,security" }).requiredReviews).toEqual(["security", "compliance"]);
  });

  it("stops the app naming the variable and the kinds it accepts", () => {
    expect(() => loadConfig({ ...base, CADENCE_REVIEWS: "security,legal" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, CADENCE_REVIEWS: "security,legal" })).toThrow(
      /CADENCE_REVIEWS legal is not a review kind — set it to comma-separated review kinds from security, privacy, compliance, risk, operations, architecture/,
    );
  });
});
