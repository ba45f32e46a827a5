// The project's root folder, wherever the process was started from: .env, manifest.json and the migrations live there.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
