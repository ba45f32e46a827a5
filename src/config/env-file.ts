// The `.env` file in the project root, read once at start. Real environment variables win over it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { PROJECT_ROOT } from "../db/project-root";

export const DEFAULT_ENV_FILE = join(PROJECT_ROOT, ".env");

/**
 * Adds the variables of `path` that `env` does not already have, and says whether the file was there. Node's
 * own parser (`util.parseEnv`, the one `process.loadEnvFile` uses) does the reading; taking `env` as an argument
 * keeps process.env out of the tests.
 */
export function loadEnvFile(env: Record<string, string | undefined> = process.env, path = DEFAULT_ENV_FILE): "loaded" | "missing" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] === undefined) env[name] = value;
  }
  return "loaded";
}
