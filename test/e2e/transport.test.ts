// What Slack's transport promises: signed requests only, a health check, data that survives restarts.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bootApp, SIGNING_SECRET, type BootedApp } from "../support/boot-app";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { spawnCadence } from "../support/spawn-cadence";
import { signedClient } from "../../tools/local-slack/signed-requests";
import { snapshotDatabase } from "../support/db-snapshot";
import { PROJECT_ROOT, testDbDir } from "../support/paths";

let app: BootedApp;
beforeEach(async () => {
  app = await bootApp();
  app.slack.addUser({ id: "UOWNER", name: "omar", tz: "Europe/Berlin" });
});
afterEach(async () => app.stop());

describe("request signing", () => {
  it("rejects a forged signature with 401 and changes nothing", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    const answer = await app.client.command({ command: "/cadence", text: 'seat add "Forged" <@UOWNER> human', userId: "UADMIN" }, { secret: "not-the-secret" });
    expect(answer.status).toBe(401);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });

  it("rejects a six-minute-old timestamp with 401 and changes nothing", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const answer = await app.client.command(
      { command: "/cadence", text: 'seat add "Replayed" <@UOWNER> human', userId: "UADMIN" },
      { timestamp: sixMinutesAgo, secret: SIGNING_SECRET },
    );
    expect(answer.status).toBe(401);
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
  });
});

describe("health and persistence", () => {
  it("answers /healthz with JSON", async () => {
    const response = await fetch(`${app.cadence.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it("keeps seats and KPIs across a restart on the same SQLite file", async () => {
    await app.command("/cadence", 'seat add "Lead qualifier" <@UOWNER> agent "Qualifies inbound leads"');
    await app.command("/cadence", 'kpi add "Lead qualifier" "Qualified leads" >= 40');
    await app.restart();
    const [listing] = await app.commandAll("/cadence", "seat list");
    expect(JSON.stringify(listing.blocks)).toContain("Qualified leads — goal ≥ 40");
  });
});

describe("first start on a new machine", () => {
  it("creates the SQLite file where DATABASE_URL points, migrates it and serves /healthz", async () => {
    const folder = join(testDbDir(), `new-${Date.now()}`, "nested");
    const child = await spawnCadence(cadenceEnvironment(app.slack.apiUrl, `file:${join(folder, "cadence.db")}`));
    try {
      expect(existsSync(join(folder, "cadence.db"))).toBe(true);
      const health = await fetch(`${child.url}/healthz`);
      expect(await health.json()).toMatchObject({ ok: true, scheduler: true });
    } finally {
      await child.kill();
    }
  });
});

describe("npm start without configuration", () => {
  it("lists every missing variable and exits non-zero, without a stack trace", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: PROJECT_ROOT, env });
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("SLACK_BOT_TOKEN is required");
    expect(failure?.stderr).toContain("SLACK_SIGNING_SECRET is required in HTTP mode");
    expect(failure?.stderr).toContain("CADENCE_CHANNEL is required");
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("workspace and identity", () => {
  it("refuses a user of another workspace before anything runs, and asks Slack who the bot is only once", async () => {
    const before = await snapshotDatabase(app.cadence.db);
    const foreign = signedClient({ appUrl: app.cadence.url!, signingSecret: SIGNING_SECRET, slack: app.slack, teamId: "T_OTHER" });
    const refused = await foreign.command({ command: "/issue", text: "add From elsewhere", userId: "UOUTSIDER" });
    expect(refused.body.text).toMatch(/only serves the workspace it is installed in/);
    const adminElsewhere = await foreign.command({ command: "/cadence", text: 'seat add "Foreign" <@UOWNER> human', userId: "UADMIN" });
    expect(adminElsewhere.body.text).toMatch(/only serves the workspace/);
    await app.idle();
    expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
    await app.command("/cadence", "seat list");
    await app.command("/cadence", "kpi list");
    expect(app.slack.callsTo("auth.test")).toHaveLength(1);
  });
});
