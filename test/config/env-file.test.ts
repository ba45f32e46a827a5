import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config";
import { DEFAULT_ENV_FILE, loadEnvFile } from "../../src/config/env-file";
import { PROJECT_ROOT } from "../support/paths";

function envFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "cadence-env-")), ".env");
  writeFileSync(path, text);
  return path;
}

describe("loadEnvFile", () => {
  it("adds the file's variables, but a variable already in the environment wins", () => {
    const env: Record<string, string | undefined> = { CADENCE_TZ: "Europe/Berlin" };
    const path = envFile('CADENCE_TZ=America/New_York\nCADENCE_CHANNEL=C0FROMFILE\n# a comment\nCHECKIN_AT="mon 08:30"\n');
    expect(loadEnvFile(env, path)).toBe("loaded");
    expect(env).toEqual({ CADENCE_TZ: "Europe/Berlin", CADENCE_CHANNEL: "C0FROMFILE", CHECKIN_AT: "mon 08:30" });
  });

  it("an empty variable in the environment still wins over the file", () => {
    const env: Record<string, string | undefined> = { CADENCE_ADMINS: "" };
    loadEnvFile(env, envFile("CADENCE_ADMINS=U1\n"));
    expect(env.CADENCE_ADMINS).toBe("");
  });

  it("a missing file changes nothing and is not an error", () => {
    const env: Record<string, string | undefined> = { PORT: "3000" };
    expect(loadEnvFile(env, join(tmpdir(), "no-such-dir-cadence", ".env"))).toBe("missing");
    expect(env).toEqual({ PORT: "3000" });
  });

  it("reads the project root's .env, whatever the working directory", () => {
    expect(DEFAULT_ENV_FILE).toBe(join(PROJECT_ROOT, ".env"));
  });
});

describe(".env.example", () => {
  const example = parseEnv(readFileSync(join(PROJECT_ROOT, ".env.example"), "utf8"));

  it("lists every variable of the README's environment table", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.length).toBeGreaterThan(10);
    expect(Object.keys(example).sort()).toEqual([...new Set(documented)].sort());
  });

  it("its defaults are the app's defaults: filling in the required values gives the same config as leaving the rest unset", () => {
    const required = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", CADENCE_CHANNEL: "C0123" };
    expect(loadConfig({ ...example, ...required })).toEqual(loadConfig(required));
  });
});
