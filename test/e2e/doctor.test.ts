// `npm run doctor` against the local Slack: a good set-up passes with exit code 0; each fault, injected one at a
// time, fails its line with the fix. The app runs the same checks at start and logs the failing ones.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database";
import { doctor } from "../../src/doctor";
import { SlackUserRepository } from "../../src/repositories/slack-user-repository";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { bootApp, CHANNEL, freshDatabaseUrl } from "../support/boot-app";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { PROJECT_ROOT, testDbDir } from "../support/paths";

let slack: LocalSlack;
const MANIFEST_SCOPES = [
  "commands",
  "chat:write",
  "im:write",
  "im:history",
  "channels:history",
  "groups:history",
  "channels:read",
  "groups:read",
  "users:read",
];

beforeAll(async () => {
  slack = await startLocalSlack();
  slack.joinChannel(CHANNEL, "cadence");
});

afterEach(() => {
  slack.reset();
  slack.setGrantedScopes(MANIFEST_SCOPES);
  slack.joinChannel(CHANNEL, "cadence");
});

afterAll(async () => {
  await slack.close();
});

async function runDoctor(env: Record<string, string> = {}, target = slack): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await doctor(cadenceEnvironment(target.apiUrl, env.DATABASE_URL ?? freshDatabaseUrl(), env), (line) => lines.push(line));
  return { code, lines };
}

/** `npm run doctor` in its own process: the exit code is what scripts and CI see. SLACK_APP_TOKEN is set empty so a developer's .env cannot add one. */
function runDoctorProcess(): Promise<{ stdout: string }> {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SLACK_APP_TOKEN: "", ...cadenceEnvironment(slack.apiUrl, freshDatabaseUrl()) };
  return promisify(execFile)(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "src/doctor.ts")], { cwd: PROJECT_ROOT, env });
}

const failing = (lines: string[]) => lines.filter((line) => line.startsWith("✗"));

describe("npm run doctor", () => {
  it("passes a good set-up: one ✓ line per check, exit code 0, from the command line too", async () => {
    const { code, lines } = await runDoctor();
    expect(lines).toHaveLength(7);
    expect(lines.every((line) => line.startsWith("✓ "))).toBe(true);
    expect(code).toBe(0);

    const run = await runDoctorProcess();
    expect(run.stdout.trim().split("\n")).toHaveLength(7);
    expect(run.stdout).not.toContain("✗");
  });

  it("a failing check gives exit code 1 from the command line", async () => {
    slack.leaveChannel(CHANNEL);
    const failure = await runDoctorProcess().catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stdout).toMatch(/^✗ channel: the bot is not a member of #cadence \(C0CADENCE\) → type \/invite @Cadence in #cadence$/m);
  });

  it("a bad token: invalid_auth, and the checks that need the token are not run", async () => {
    slack.revokeToken("xoxb-test");
    const { code, lines } = await runDoctor();
    expect(code).toBe(1);
    expect(failing(lines)[0]).toMatch(/^✗ bot token: Slack refused SLACK_BOT_TOKEN \(invalid_auth\) → copy the Bot User OAuth Token/);
    expect(slack.callsTo("conversations.info")).toHaveLength(0);
  });

  it("a scope of manifest.json not granted", async () => {
    slack.setGrantedScopes(MANIFEST_SCOPES.filter((scope) => scope !== "users:read"));
    const { code, lines } = await runDoctor();
    expect(code).toBe(1);
    expect(failing(lines)).toEqual([expect.stringMatching(/^✗ scopes: the token lacks users:read → .*Reinstall to Workspace/)]);
  });

  it("CADENCE_CHANNEL not found", async () => {
    const { code, lines } = await runDoctor({ CADENCE_CHANNEL: "C0NOSUCH" });
    expect(code).toBe(1);
    expect(failing(lines)).toEqual([expect.stringMatching(/^✗ channel: CADENCE_CHANNEL C0NOSUCH was not found/)]);
  });

  it("the bot not a member of the channel", async () => {
    slack.leaveChannel(CHANNEL);
    const { code, lines } = await runDoctor();
    expect(code).toBe(1);
    expect(failing(lines)).toEqual(["✗ channel: the bot is not a member of #cadence (C0CADENCE) → type /invite @Cadence in #cadence"]);
  });

  it("no signing secret in HTTP mode", async () => {
    const { code, lines } = await runDoctor({ SLACK_SIGNING_SECRET: "" });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^✗ environment: SLACK_SIGNING_SECRET is required in HTTP mode .* — set it to the Signing Secret/)]);
  });

  it("a database not migrated yet, and one that does not exist (which the doctor does not create)", async () => {
    const empty = `file:${join(testDbDir(), `${randomUUID()}.db`)}`;
    await (await openDatabase(empty)).$disconnect();
    const unmigrated = await runDoctor({ DATABASE_URL: empty });
    expect(unmigrated.code).toBe(1);
    const databaseNotReady = expect.stringMatching(/^✗ time zones: not checked: the database is not ready/);
    expect(failing(unmigrated.lines)).toEqual([
      expect.stringMatching(/^✗ database: the database .+: \d+ migrations? not applied \(20261121000000_init.*\) → run npm start once/),
      databaseNotReady,
    ]);

    const absent = join(testDbDir(), `${randomUUID()}.db`);
    const missing = await runDoctor({ DATABASE_URL: `file:${absent}` });
    expect(failing(missing.lines)).toEqual([expect.stringMatching(/^✗ database: .* not applied/), databaseNotReady]);
    expect(existsSync(absent)).toBe(false);
  });

  it("a token of another workspace than the one this database has served", async () => {
    const databaseUrl = freshDatabaseUrl();
    const db = await openDatabase(databaseUrl);
    await new SlackUserRepository(db).save({ id: "U1", tz: "UTC", isAdmin: false, isOwner: false, teamId: "T_OLD", fetchedAt: new Date() });
    await db.$disconnect();
    const { code, lines } = await runDoctor({ DATABASE_URL: databaseUrl });
    expect(code).toBe(1);
    expect(failing(lines)).toEqual([
      expect.stringMatching(/^✗ workspace: the token belongs to Cadence Local \(T0001\), but this database has served workspace T_OLD/),
    ]);
  });
});

describe("the same checks at start", () => {
  it("log each failing check as a warning and the app starts all the same", async () => {
    slack.leaveChannel(CHANNEL);
    const warnings: string[] = [];
    const app = await bootApp({ slack, setupChecks: true, botInChannel: false, logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    try {
      const setupWarnings = () => warnings.filter((line) => line.startsWith("set-up check"));
      await slack.waitFor(() => setupWarnings().length > 0);
      expect(setupWarnings()).toEqual(["set-up check failed: ✗ channel: the bot is not a member of #cadence (C0CADENCE) → type /invite @Cadence in #cadence"]);
      expect(await app.command("/issue", "list")).toBeTruthy();
    } finally {
      await app.stop();
    }
  });

  it("say so once when every check passes", async () => {
    const infos: string[] = [];
    const app = await bootApp({ slack, setupChecks: true, logger: { info: (...args: unknown[]) => infos.push(args.join(" ")) } });
    try {
      await slack.waitFor(() => infos.some((line) => line.includes("set-up checks")));
      expect(infos.filter((line) => line.includes("set-up check"))).toEqual(["set-up checks passed (npm run doctor)"]);
    } finally {
      await app.stop();
    }
  });
});
