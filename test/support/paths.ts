import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const TEST_DB_ROOT = join(PROJECT_ROOT, "test-results", "db");

/** This run's folder of test databases, made by global-setup.ts. */
export function testDbDir(): string {
  const dir = process.env.CADENCE_TEST_DB_DIR;
  if (!dir) throw new Error("CADENCE_TEST_DB_DIR is not set: run tests through vitest (global-setup.ts makes the template)");
  return dir;
}

export const templateDb = (): string => join(testDbDir(), "template.db");
