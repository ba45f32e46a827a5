// `npm start` runs the compiled bundle; started from any folder, it opens the database under the project root.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { socketModeClient } from "../../tools/local-slack/socket-mode";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { startBundleProcess } from "../../tools/testkit/bundle-process";
import { startCommand } from "../../tools/testkit/start-command";
import { ADMIN, freshDatabaseUrl } from "../support/boot-app";
import { PROJECT_ROOT, testDbDir } from "../support/paths";

const COMPILERS = ["query_compiler_bg.sqlite.wasm", "query_compiler_bg.postgresql.wasm"];
let slack: LocalSlack;
beforeAll(async () => {
  slack = await startLocalSlack();
  // Compilers a previous build wrote would hide one this build failed to write.
  for (const wasm of COMPILERS) rmSync(join(PROJECT_ROOT, "dist", wasm), { force: true });
  await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT });
}, 60_000);
afterAll(async () => slack.close());

/** Runs dist/main.js as npm start does, from `cwd`, until /healthz has answered; gives what it printed and said. */
async function startBundle(databaseUrl: string, cwd: string, probe?: (url: string) => Promise<void>): Promise<{ output: string; health: unknown }> {
  const npmStart = startCommand();
  const env = { ...cadenceEnvironment(slack.apiUrl, databaseUrl), ...npmStart.env };
  const started = await startBundleProcess(join(PROJECT_ROOT, "dist/main.js"), env, { nodeFlags: npmStart.flags, cwd });
  try {
    const health = await (await fetch(`${started.url}/healthz`)).json();
    await probe?.(started.url);
    return { output: started.output(), health };
  } finally {
    started.child.kill("SIGKILL");
  }
}

describe("the compiled app", () => {
  it("starts from another working directory with a relative DATABASE_URL, migrates that file and serves /healthz", async () => {
    const file = join(testDbDir(), `relative-${Date.now()}.db`);
    const { output, health } = await startBundle(`file:./${relative(PROJECT_ROOT, file)}`, "/tmp");
    expect(existsSync(file)).toBe(true);
    expect(output).toContain(`database: ${file}`);
    expect(health).toMatchObject({ ok: true, scheduler: true });
  }, 60_000);

  it("loads Prisma's query compilers from the .wasm files the build writes beside the bundle", async () => {
    // On the database this suite runs on (PostgreSQL under test:postgres): /healthz reads it through the compiler.
    const { health } = await startBundle(freshDatabaseUrl(), PROJECT_ROOT);
    expect(health).toMatchObject({ ok: true, scheduler: true });
    for (const wasm of COMPILERS) expect(existsSync(join(PROJECT_ROOT, "dist", wasm))).toBe(true);
    // Prisma's own client imports the base64 module at run time; the bundle must not.
    expect(readFileSync(join(PROJECT_ROOT, "dist/main.js"), "utf8")).not.toMatch(
      /import\(\s*"@prisma\/client\/runtime\/query_compiler_bg\.\w+\.wasm-base64\.mjs"\s*\)/,
    );
  }, 60_000);

  it("answers the agent API from the off-loop thread, bundled beside main.js", async () => {
    let answer: { status: number; body: unknown } | undefined;
    // A well-formed token of a seat that has none: the thread reads the database to refuse it.
    const token = `cad_1_${"A".repeat(43)}`;
    const { output } = await startBundle(freshDatabaseUrl(), PROJECT_ROOT, async (url) => {
      const response = await fetch(`${url}/api/v1/seat`, { headers: { authorization: `Bearer ${token}` } });
      answer = { status: response.status, body: await response.json() };
    });
    expect(existsSync(join(PROJECT_ROOT, "dist", "off-loop-thread.js"))).toBe(true);
    expect(answer).toMatchObject({ status: 401, body: { error: "unauthorized" } });
    expect(output).not.toContain("off-loop thread");
  }, 60_000);

  it("runs in Socket Mode: the bundled client, run once the receiver is built, opens the connection and answers a command over it", async () => {
    slack.addUser({ id: ADMIN, name: "ada", tz: "UTC", is_admin: true });
    const npmStart = startCommand();
    const env: Record<string, string> = { ...cadenceEnvironment(slack.apiUrl, freshDatabaseUrl(), { SLACK_APP_TOKEN: "xapp-1-test" }), ...npmStart.env };
    delete env.SLACK_SIGNING_SECRET;
    const child = spawn(process.execPath, [...npmStart.flags, join(PROJECT_ROOT, "dist/main.js")], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: "ignore",
    });
    try {
      await slack.socketMode.connected();
      const client = socketModeClient(slack.socketMode, { teamId: slack.teamId, slack });
      const responseUrl = slack.newResponseUrl();
      await client.command({ command: "/scorecard", text: "", userId: ADMIN, responseUrl });
      const [answer] = await slack.waitFor(() => slack.responses(responseUrl).length > 0 && slack.responses(responseUrl));
      expect(answer!.body.text).toBe("No KPIs yet.");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
