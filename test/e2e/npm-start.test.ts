// `npm start` runs the compiled bundle; started from any folder, it opens the database under the project root.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { startCommand } from "../../tools/testkit/start-command";
import { freshDatabaseUrl } from "../support/boot-app";
import { PROJECT_ROOT, testDbDir } from "../support/paths";

let slack: LocalSlack;
beforeAll(async () => {
  slack = await startLocalSlack();
  await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT });
}, 60_000);
afterAll(async () => slack.close());

/** Runs dist/main.js as npm start does, from `cwd`, until /healthz has answered; gives what it printed and said. */
async function startBundle(databaseUrl: string, cwd: string): Promise<{ output: string; health: unknown }> {
  const npmStart = startCommand();
  const child = spawn(process.execPath, [...npmStart.flags, join(PROJECT_ROOT, "dist/main.js")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...cadenceEnvironment(slack.apiUrl, databaseUrl), ...npmStart.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = /running on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const health = await (await fetch(`${url}/healthz`)).json();
    return { output, health };
  } finally {
    child.kill("SIGKILL");
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

  it("loads Prisma's query compiler from the .wasm beside the bundle, not from a base64 string in it", async () => {
    // On the database this suite runs on (PostgreSQL under test:postgres): /healthz reads it through the compiler.
    const { health } = await startBundle(freshDatabaseUrl(), PROJECT_ROOT);
    expect(health).toMatchObject({ ok: true, scheduler: true });
    expect(existsSync(join(PROJECT_ROOT, "dist/query_compiler_bg.sqlite.wasm"))).toBe(true);
    expect(existsSync(join(PROJECT_ROOT, "dist/query_compiler_bg.postgresql.wasm"))).toBe(true);
    // "AGFzbQ" is base64 for the Wasm magic number, "\0asm".
    expect(readFileSync(join(PROJECT_ROOT, "dist/main.js"), "utf8")).not.toContain("AGFzbQ");
  }, 60_000);
});
