// `npm start` runs the compiled bundle; started from any folder, it opens the database under the project root.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSlack, type LocalSlack } from "../../tools/local-slack/server";
import { cadenceEnvironment } from "../../tools/testkit/environment";
import { startFlags } from "../../tools/testkit/start-flags";
import { PROJECT_ROOT, testDbDir } from "../support/paths";

let slack: LocalSlack;
beforeAll(async () => {
  slack = await startLocalSlack();
  await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT });
}, 60_000);
afterAll(async () => slack.close());

describe("the compiled app", () => {
  it("starts from another working directory with a relative DATABASE_URL, migrates that file and serves /healthz", async () => {
    const file = join(testDbDir(), `relative-${Date.now()}.db`);
    const env = cadenceEnvironment(slack.apiUrl, `file:./${relative(PROJECT_ROOT, file)}`);
    const child = spawn(process.execPath, [...startFlags(), join(PROJECT_ROOT, "dist/main.js")], {
      cwd: "/tmp",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
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
      expect(existsSync(file)).toBe(true);
      expect(output).toContain(`database: ${file}`);
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toMatchObject({ ok: true, scheduler: true });
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
