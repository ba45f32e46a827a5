import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/db/project-root";

// One definition of the project's folder, the app's own.
export { PROJECT_ROOT };

export const TEST_DB_ROOT = join(PROJECT_ROOT, "test-results", "db");

/** This run's folder of test databases, made by global-setup.ts. */
export function testDbDir(): string {
  const dir = process.env.CADENCE_TEST_DB_DIR;
  if (!dir) throw new Error("CADENCE_TEST_DB_DIR is not set: run tests through vitest (global-setup.ts makes the template)");
  return dir;
}

export const templateDb = (): string => join(testDbDir(), "template.db");
