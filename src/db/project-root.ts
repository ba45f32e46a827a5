// The folder that holds package.json and prisma/: relative paths in the environment are taken from here, so the
// app opens the same files whatever folder it is started from. Found by walking up from this module, because it
// runs both as src/db/project-root.ts (tsx) and bundled into dist/main.js (npm start).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "prisma"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Cadence project (package.json and prisma/) above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
