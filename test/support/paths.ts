import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const TEST_DB_DIR = join(PROJECT_ROOT, "test-results", "db");
export const TEMPLATE_DB = join(TEST_DB_DIR, "template.db");
