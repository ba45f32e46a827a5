// /cadence status: refused messages, the doctor's checks and the weekly loop's last runs, from fakes.
import { describe, expect, it } from "vitest";
import { StatusService, type StatusDeps } from "../../src/services/status-service";

function deps(overrides: Partial<StatusDeps> = {}): StatusDeps {
  return {
    deliveries: { listAbandoned: async () => [] },
    setupChecks: async () => [
      { name: "bot token", ok: true, detail: "works", fix: "" },
      { name: "channel", ok: false, detail: "the bot is not a member of #cadence", fix: "type /invite @Cadence in #cadence" },
    ],
    checkins: { lastActivity: async () => ({ sent: { week: "2026-W48", at: new Date("2026-11-30T09:00:00Z") } }) },
    jobRuns: { lastCompleted: async (job) => (job === "drift" ? { week: "2026-W47", completedAt: new Date("2026-11-24T12:00:30Z") } : undefined) },
    ...overrides,
  };
}

describe("StatusService", () => {
  it("shows every set-up check, with the fix only for those that fail", async () => {
    const section = await new StatusService(deps()).setup();
    expect(section.items).toEqual([
      { text: "✓ bot token: works" },
      { text: "✗ channel: the bot is not a member of #cadence", fix: "type /invite @Cadence in #cadence" },
    ]);
  });

  it("says when checks could not run instead of failing the command", async () => {
    const section = await new StatusService(deps({ setupChecks: async () => Promise.reject(new Error("offline")) })).setup();
    expect(section.items[0]).toMatchObject({ text: "✗ set-up checks: could not run (offline)" });
  });

  it("lists the last run of each weekly job, and those not run yet", async () => {
    const section = await new StatusService(deps()).weeklyJobs();
    expect(section.items.map((item) => item.text)).toEqual([
      "check-in DMs: 2026-W48, last at 2026-11-30 09:00 UTC",
      "reminders: not run yet",
      "deadline (drift and missing issues): 2026-W47, last at 2026-11-24 12:00 UTC",
      "digest: not run yet",
    ]);
  });

  it("reports the three sections in order", async () => {
    const report = await new StatusService(deps()).report();
    expect(report.sections.map((section) => section.title)).toEqual([
      "Messages Slack refused for good",
      "Set-up checks (as `npm run doctor`)",
      "Weekly loop: last runs",
    ]);
  });
});
