// Whether Cadence is set up right against Slack and its database: one line per check, each with its fix.
// `npm run doctor` prints them, the app logs the failing ones at start, and `/cadence status` can show them.

export interface SetupCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about it; empty when the check passed. */
  fix: string;
}

/** A Slack answer as the checks need it: the fields asked for, or Slack's error code. */
export type SlackAnswer<T> = ({ ok: true } & T) | { ok: false; error: string };

export interface BotIdentity {
  teamId: string;
  team: string;
  userId: string;
  /** The scopes Slack says the token has (the `x-oauth-scopes` answer header); undefined when not sent. */
  scopes: string[] | undefined;
}

export interface ChannelState {
  name: string;
  isMember: boolean;
  isArchived: boolean;
}

/** The two Slack calls the checks make. */
export interface SetupSlack {
  whoAmI(): Promise<SlackAnswer<BotIdentity>>;
  channel(id: string): Promise<SlackAnswer<ChannelState>>;
}

export interface SetupCheckDeps {
  slack: SetupSlack;
  /** manifest.json's bot scopes. */
  requiredScopes: string[];
  channel: string;
  slackMode: { signingSecret?: string; appToken?: string };
  /** The workspace this database has served before, if any (the team most known users belong to). */
  knownTeam(): Promise<string | undefined>;
  /** Migrations committed but not applied to the database; throws when it cannot be opened. */
  pendingMigrations(): Promise<string[]>;
  /** Where the database is, for the message. */
  databaseLabel: string;
  /**
   * Whether CHECKIN_AT, REMIND_AFTER and DEADLINE_AT serve every owner's time zone known to the database: a
   * warning in words, or undefined when they do (zonesNotServed); throws when the database cannot be read.
   */
  zoneWarning(): Promise<string | undefined>;
}

const NOT_CHECKED = "not checked: the bot token does not work yet";
const REINSTALL =
  "in your Slack app (api.slack.com/apps) add them under OAuth & Permissions → Bot Token Scopes, or paste manifest.json again under App Manifest; then Reinstall to Workspace";

export async function runSetupChecks(deps: SetupCheckDeps): Promise<SetupCheck[]> {
  const identity = await deps.slack.whoAmI();
  const checks = [tokenCheck(identity)];
  if (identity.ok) {
    // A database that cannot be read knows no workspace; the database check says what is wrong with it.
    const knownTeam = await deps.knownTeam().catch(() => undefined);
    checks.push(workspaceCheck(identity, knownTeam), scopeCheck(identity.scopes, deps.requiredScopes));
    checks.push(channelCheck(deps.channel, await deps.slack.channel(deps.channel)));
  } else {
    checks.push(notChecked("workspace"), notChecked("scopes"), notChecked("channel"));
  }
  const database = await databaseCheck(deps);
  // The zones are those the database knows: with no usable database there is nothing to judge.
  const zones = database.ok ? await zoneCheck(deps) : failed("time zones", "not checked: the database is not ready", "fix the database first");
  checks.push(slackModeCheck(deps.slackMode), database, zones);
  return checks;
}

/** `✓ name: detail` or `✗ name: detail → fix`. */
export function formatSetupCheck(check: SetupCheck): string {
  return check.ok ? `✓ ${check.name}: ${check.detail}` : `✗ ${check.name}: ${check.detail} → ${check.fix}`;
}

function passed(name: string, detail: string): SetupCheck {
  return { name, ok: true, detail, fix: "" };
}

function failed(name: string, detail: string, fix: string): SetupCheck {
  return { name, ok: false, detail, fix };
}

function notChecked(name: string): SetupCheck {
  return failed(name, NOT_CHECKED, "fix the bot token first");
}

function tokenCheck(identity: SlackAnswer<BotIdentity>): SetupCheck {
  if (identity.ok) return passed("bot token", `works: bot ${identity.userId} in ${identity.team} (${identity.teamId})`);
  if (identity.error.startsWith("unreachable")) {
    return failed("bot token", `Slack could not be reached (${identity.error})`, "check the network, and SLACK_API_URL if you set it");
  }
  return failed(
    "bot token",
    `Slack refused SLACK_BOT_TOKEN (${identity.error})`,
    "copy the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page into SLACK_BOT_TOKEN; reinstall the app if it was uninstalled",
  );
}

function workspaceCheck(identity: BotIdentity, knownTeam: string | undefined): SetupCheck {
  if (!knownTeam) return passed("workspace", `${identity.team} (${identity.teamId}); this database has served no workspace yet`);
  if (knownTeam === identity.teamId) return passed("workspace", `${identity.team} (${identity.teamId}), the workspace this database has served`);
  return failed(
    "workspace",
    `the token belongs to ${identity.team} (${identity.teamId}), but this database has served workspace ${knownTeam}`,
    `use the bot token of the Cadence app installed in ${knownTeam}, or point DATABASE_URL at a new database for the new workspace`,
  );
}

function scopeCheck(granted: string[] | undefined, required: string[]): SetupCheck {
  if (granted === undefined)
    return failed("scopes", "Slack did not say which scopes the token has (no x-oauth-scopes header)", "check SLACK_API_URL points at Slack's Web API");
  const missing = required.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return passed("scopes", `the token has all ${required.length} scopes manifest.json asks for`);
  return failed("scopes", `the token lacks ${missing.join(", ")}`, REINSTALL);
}

function channelCheck(id: string, answer: SlackAnswer<ChannelState>): SetupCheck {
  if (!answer.ok) {
    if (answer.error === "channel_not_found") {
      return failed(
        "channel",
        `CADENCE_CHANNEL ${id} was not found (or is private and the bot is not in it)`,
        "set CADENCE_CHANNEL to the channel's id (channel details, at the bottom); for a private channel, /invite @Cadence there first",
      );
    }
    if (answer.error === "missing_scope") return failed("channel", `cannot look ${id} up: the token lacks channels:read / groups:read`, REINSTALL);
    return failed("channel", `cannot look ${id} up (${answer.error})`, "run the doctor again; if it persists, check Slack's status");
  }
  if (answer.isArchived) return failed("channel", `#${answer.name} (${id}) is archived`, "unarchive it, or set CADENCE_CHANNEL to another channel");
  if (!answer.isMember) return failed("channel", `the bot is not a member of #${answer.name} (${id})`, `type /invite @Cadence in #${answer.name}`);
  return passed("channel", `#${answer.name} (${id}); the bot is a member`);
}

function slackModeCheck({ signingSecret, appToken }: SetupCheckDeps["slackMode"]): SetupCheck {
  if (appToken) return passed("mode", "Socket Mode: SLACK_APP_TOKEN is set (manifest.socket.json)");
  if (signingSecret) return passed("mode", "HTTP mode: SLACK_SIGNING_SECRET is set; Slack must reach https://<your host>/slack/events");
  return failed(
    "mode",
    "neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is set",
    "copy the Signing Secret from Basic Information into SLACK_SIGNING_SECRET, or for Socket Mode an app-level token (xapp-…, connections:write) into SLACK_APP_TOKEN",
  );
}

async function databaseCheck(deps: SetupCheckDeps): Promise<SetupCheck> {
  let pending: string[];
  try {
    pending = await deps.pendingMigrations();
  } catch (error) {
    return failed(
      "database",
      `${deps.databaseLabel} cannot be opened (${error instanceof Error ? error.message : String(error)})`,
      "check DATABASE_URL and that its folder is writable",
    );
  }
  if (pending.length === 0) return passed("database", `${deps.databaseLabel} opens and is migrated`);
  return failed(
    "database",
    `${deps.databaseLabel}: ${pending.length} migration${pending.length === 1 ? "" : "s"} not applied (${pending.join(", ")})`,
    "run npm start once (it migrates on start), or npx prisma migrate deploy",
  );
}

async function zoneCheck(deps: SetupCheckDeps): Promise<SetupCheck> {
  let warning: string | undefined;
  try {
    warning = await deps.zoneWarning();
  } catch {
    return failed("time zones", "not checked: the database cannot be read", "fix the database first");
  }
  if (warning === undefined) return passed("time zones", "CHECKIN_AT, REMIND_AFTER and DEADLINE_AT serve every owner's time zone");
  return failed("time zones", warning, "change CHECKIN_AT or DEADLINE_AT as it says; until then those owners are asked early, never skipped");
}
