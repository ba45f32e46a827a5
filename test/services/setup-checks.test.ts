import { describe, expect, it } from "vitest";
import { formatSetupCheck, runSetupChecks, type SetupCheckDeps } from "../../src/services/setup-checks";

const REQUIRED = ["commands", "chat:write", "channels:read"];

/** A set-up where everything is right; each scenario breaks one thing. */
function deps(overrides: Partial<SetupCheckDeps> = {}): SetupCheckDeps {
  return {
    slack: {
      whoAmI: async () => ({ ok: true, teamId: "T1", team: "Acme", userId: "UBOT", scopes: [...REQUIRED, "users:read"] }),
      channel: async () => ({ ok: true, name: "cadence", isMember: true, isArchived: false }),
    },
    requiredScopes: REQUIRED,
    channel: "C1",
    slackMode: { signingSecret: "secret" },
    knownTeam: async () => "T1",
    pendingMigrations: async () => [],
    databaseLabel: "the database ./data/cadence.db",
    zoneWarning: async () => undefined,
    ...overrides,
  };
}

const channelAnswer = (answer: Awaited<ReturnType<SetupCheckDeps["slack"]["channel"]>>): Partial<SetupCheckDeps> => ({
  slack: { ...deps().slack, channel: async () => answer },
});

const scenarios: { name: string; deps: Partial<SetupCheckDeps>; failing: string; detail: RegExp; fix: RegExp }[] = [
  {
    name: "a token Slack refuses",
    deps: { slack: { ...deps().slack, whoAmI: async () => ({ ok: false, error: "invalid_auth" }) } },
    failing: "bot token",
    detail: /refused SLACK_BOT_TOKEN \(invalid_auth\)/,
    fix: /Bot User OAuth Token/,
  },
  {
    name: "Slack out of reach",
    deps: { slack: { ...deps().slack, whoAmI: async () => ({ ok: false, error: "unreachable: connect ECONNREFUSED" }) } },
    failing: "bot token",
    detail: /could not be reached/,
    fix: /SLACK_API_URL/,
  },
  {
    name: "a token of another workspace than the one this database served",
    deps: { knownTeam: async () => "T_OLD" },
    failing: "workspace",
    detail: /belongs to Acme \(T1\), but this database has served workspace T_OLD/,
    fix: /installed in T_OLD/,
  },
  {
    name: "a scope not granted",
    deps: { slack: { ...deps().slack, whoAmI: async () => ({ ok: true, teamId: "T1", team: "Acme", userId: "UBOT", scopes: ["commands"] }) } },
    failing: "scopes",
    detail: /lacks chat:write, channels:read/,
    fix: /Reinstall to Workspace/,
  },
  {
    name: "no scope header at all",
    deps: { slack: { ...deps().slack, whoAmI: async () => ({ ok: true, teamId: "T1", team: "Acme", userId: "UBOT", scopes: undefined }) } },
    failing: "scopes",
    detail: /x-oauth-scopes/,
    fix: /SLACK_API_URL/,
  },
  {
    name: "an unknown channel",
    deps: channelAnswer({ ok: false, error: "channel_not_found" }),
    failing: "channel",
    detail: /C1 was not found/,
    fix: /CADENCE_CHANNEL/,
  },
  {
    name: "the bot not invited",
    deps: channelAnswer({ ok: true, name: "cadence", isMember: false, isArchived: false }),
    failing: "channel",
    detail: /not a member of #cadence/,
    fix: /\/invite @Cadence in #cadence/,
  },
  {
    name: "an archived channel",
    deps: channelAnswer({ ok: true, name: "old", isMember: true, isArchived: true }),
    failing: "channel",
    detail: /#old \(C1\) is archived/,
    fix: /unarchive/,
  },
  { name: "no signing secret in HTTP mode", deps: { slackMode: {} }, failing: "mode", detail: /neither SLACK_SIGNING_SECRET/, fix: /Signing Secret/ },
  {
    name: "migrations not applied",
    deps: { pendingMigrations: async () => ["20261121000000_init"] },
    failing: "database",
    detail: /1 migration not applied \(20261121000000_init\)/,
    fix: /npm start/,
  },
  {
    name: "owners in zones the configured times cannot serve",
    deps: { zoneWarning: async () => "CHECKIN_AT (mon 17:00, each owner's clock) falls too close to DEADLINE_AT for owners in America/Los_Angeles" },
    failing: "time zones",
    detail: /America\/Los_Angeles/,
    fix: /CHECKIN_AT or DEADLINE_AT/,
  },
  {
    name: "a database that cannot be opened",
    deps: { pendingMigrations: async () => Promise.reject(new Error("SQLITE_CANTOPEN")) },
    failing: "database",
    detail: /cannot be opened \(SQLITE_CANTOPEN\)/,
    fix: /DATABASE_URL/,
  },
];

describe("runSetupChecks", () => {
  it("passes every check on a good set-up, one line each", async () => {
    const checks = await runSetupChecks(deps());
    expect(checks.map((check) => check.name)).toEqual(["bot token", "workspace", "scopes", "channel", "mode", "database", "time zones"]);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.map(formatSetupCheck)).toMatchInlineSnapshot(`
      [
        "✓ bot token: works: bot UBOT in Acme (T1)",
        "✓ workspace: Acme (T1), the workspace this database has served",
        "✓ scopes: the token has all 3 scopes manifest.json asks for",
        "✓ channel: #cadence (C1); the bot is a member",
        "✓ mode: HTTP mode: SLACK_SIGNING_SECRET is set; Slack must reach https://<your host>/slack/events",
        "✓ database: the database ./data/cadence.db opens and is migrated",
        "✓ time zones: CHECKIN_AT, REMIND_AFTER and DEADLINE_AT serve every owner's time zone",
      ]
    `);
  });

  it.each(scenarios)("fails only the $failing check for $name, saying how to fix it", async (scenario) => {
    const checks = await runSetupChecks(deps(scenario.deps));
    const failing = checks.filter((check) => !check.ok);
    // A refused token leaves the checks that need it unchecked; they fail too, pointing at the token.
    // So does an unusable database for the time-zone check, which judges the zones the database knows.
    const dependents: Record<string, string[]> = { "bot token": ["workspace", "scopes", "channel"], database: ["time zones"] };
    const expected = [scenario.failing, ...(dependents[scenario.failing] ?? [])];
    expect(failing.map((check) => check.name)).toEqual(expected);
    expect(failing[0]!.detail).toMatch(scenario.detail);
    expect(failing[0]!.fix).toMatch(scenario.fix);
    expect(formatSetupCheck(failing[0]!)).toMatch(/^✗ .+ → .+/);
  });

  it("a database that has served no workspace yet accepts the token's", async () => {
    const [, workspace] = await runSetupChecks(deps({ knownTeam: async () => undefined }));
    expect(workspace).toMatchObject({ ok: true, detail: "Acme (T1); this database has served no workspace yet" });
  });

  it("Socket Mode needs the app token, not the signing secret", async () => {
    const mode = (await runSetupChecks(deps({ slackMode: { appToken: "xapp-1" } }))).find((check) => check.name === "mode");
    expect(mode).toMatchObject({ ok: true, detail: expect.stringMatching(/^Socket Mode/) });
  });
});
