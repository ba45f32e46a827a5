// `npm start` runs dist/main.js with environment settings and Node flags (package.json); whatever starts the bundle
// for a test or a benchmark reads them from there, so it runs what users run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/db/project-root";

export interface StartCommand {
  /** Variables npm start sets before `node` (MALLOC_ARENA_MAX=1), to add to the child's environment. */
  env: Record<string, string>;
  /** The Node flags it runs dist/main.js with. */
  flags: string[];
}

/** How `npm start` runs dist/main.js, read from package.json so the benchmarks measure the same. */
export function startCommand(): StartCommand {
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const parts = /((?:\b[A-Za-z_][A-Za-z0-9_]*=\S+ )*)node ((?:--\S+ )*)dist\/main\.js/.exec(scripts.start);
  if (!parts) throw new Error(`cannot read how npm start runs dist/main.js: ${scripts.start}`);
  const words = (text: string) => text.split(" ").filter(Boolean);
  return {
    env: Object.fromEntries(
      words(parts[1]!).map((assignment) => [assignment.slice(0, assignment.indexOf("=")), assignment.slice(assignment.indexOf("=") + 1)]),
    ),
    flags: words(parts[2]!),
  };
}
