// `npm start` runs dist/main.js with Node flags (package.json); whatever starts the bundle for a test or a benchmark
// reads them from there, so it runs what users run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/db/project-root";

/** The Node flags `npm start` runs dist/main.js with, read from package.json so the benchmarks measure the same. */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const flags = /\bnode ((?:--\S+ )*)dist\/main\.js/.exec(scripts.start);
  if (!flags) throw new Error(`cannot read the node flags from npm start: ${scripts.start}`);
  return flags[1]!.split(" ").filter(Boolean);
}
