// Layers that point one way: domain ← repositories ← services → messages ← slack. Reads every import in src/
// and fails on one that points the wrong way; the scenarios below show each rule catches what it should.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/db/project-root";

const SRC = path.join(PROJECT_ROOT, "src");
const PRISMA_PACKAGES = /^@prisma\//;

interface Import {
  /** The importing file, relative to src/ (`services/issue-service.ts`). */
  from: string;
  /** A file relative to src/ for our own modules (`slack/slack-api`), or the package name. */
  target: string;
  ours: boolean;
}

/** The top folder of a path under src/ (`services`), or the file itself for top-level files (`main.ts`). */
function layerOf(file: string): string {
  return file.split("/")[0];
}

const isPrismaClient = (imp: Import) => (imp.ours ? layerOf(imp.target) === "generated" : PRISMA_PACKAGES.test(imp.target));

/** Each rule: the layer it applies to, and why an import from it is wrong (undefined when it is fine). */
const RULES: { layer: string | ((layer: string) => boolean); wrong: (imp: Import) => string | undefined }[] = [
  {
    layer: "domain",
    wrong: (imp) =>
      imp.ours
        ? layerOf(imp.target) !== "domain"
          ? "domain imports nothing of ours outside domain"
          : undefined
        : /^@slack\/|^@prisma\//.test(imp.target)
          ? "domain imports neither Slack nor Prisma"
          : undefined,
  },
  {
    layer: "repositories",
    wrong: (imp) =>
      imp.ours && !["domain", "db", "repositories", "generated"].includes(layerOf(imp.target)) ? "repositories import only domain and db" : undefined,
  },
  {
    layer: "services",
    wrong: (imp) => (imp.ours && layerOf(imp.target) === "slack" ? "services do not import slack/ (use the ports in services/ports)" : undefined),
  },
  {
    layer: "messages",
    wrong: (imp) =>
      imp.ours && ["services", "repositories", "slack", "db"].includes(layerOf(imp.target))
        ? "messages import only domain (builders take plain view models)"
        : undefined,
  },
  {
    layer: (layer) => !["repositories", "db", "generated"].includes(layer),
    wrong: (imp) => (isPrismaClient(imp) ? "only repositories/ and db/ import the Prisma client" : undefined),
  },
];

function violations(imports: Import[]): string[] {
  return imports.flatMap((imp) =>
    RULES.filter((rule) => (typeof rule.layer === "string" ? rule.layer === layerOf(imp.from) : rule.layer(layerOf(imp.from))))
      .map((rule) => rule.wrong(imp))
      .filter((why): why is string => why !== undefined)
      .map((why) => `${imp.from} imports ${imp.target}: ${why}`),
  );
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(SRC, file), "utf8");
  return [...text.matchAll(SPECIFIER)].map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith(".")) return { from: file, target: specifier, ours: false };
    return { from: file, target: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)), ours: true };
  });
}

function sourceFiles(dir = ""): string[] {
  return readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return relative === "generated" ? [] : sourceFiles(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

describe("architecture", () => {
  it("every import in src/ points the way the layers allow", () => {
    const files = sourceFiles();
    const imports = files.flatMap(importsOf);
    // The reader must see the imports, or an empty list would pass.
    expect(imports.filter((imp) => imp.from === "services/issue-service.ts").map((imp) => imp.target)).toContain("repositories/issue-repository");
    expect(files).toContain("messages/limits.ts");
    expect(violations(imports)).toEqual([]);
  });

  const scenarios: { imp: Import; rule: string }[] = [
    { imp: { from: "domain/goal.ts", target: "services/outcome", ours: true }, rule: "domain imports nothing of ours outside domain" },
    { imp: { from: "domain/goal.ts", target: "@slack/types", ours: false }, rule: "domain imports neither Slack nor Prisma" },
    { imp: { from: "repositories/seat-repository.ts", target: "services/user-directory", ours: true }, rule: "repositories import only domain and db" },
    { imp: { from: "services/home-service.ts", target: "slack/slack-api", ours: true }, rule: "services do not import slack/" },
    { imp: { from: "messages/home-blocks.ts", target: "services/home-service", ours: true }, rule: "messages import only domain" },
    { imp: { from: "messages/home-blocks.ts", target: "slack/fresh-block-ids", ours: true }, rule: "messages import only domain" },
    { imp: { from: "services/home-service.ts", target: "generated/prisma/client", ours: true }, rule: "only repositories/ and db/ import the Prisma client" },
    { imp: { from: "slack/app.ts", target: "@prisma/client", ours: false }, rule: "only repositories/ and db/ import the Prisma client" },
  ];
  it.each(scenarios)("flags $imp.from importing $imp.target", ({ imp, rule }) => {
    expect(violations([imp])).toEqual([expect.stringContaining(rule)]);
  });

  it("reads every kind of import statement", () => {
    const imports = importsOf("main.ts").map((imp) => imp.target);
    expect(imports).toEqual(expect.arrayContaining(["node:url", "config/config", "slack/app"]));
  });
});

// vitest.config.ts runs test files without isolation (they share a fork's module cache), which is only safe
// while no file replaces a module or the environment behind the others' backs.
const SHARED_STATE_CHANGES = /\bvi\.(mock|doMock|stubEnv|stubGlobal|resetModules)\(/;

function testFiles(dir = path.join(PROJECT_ROOT, "test")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? testFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("test files sharing modules", () => {
  it("no test file mocks a module or stubs the environment", () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => file !== __filename && SHARED_STATE_CHANGES.test(readFileSync(file, "utf8")));
    expect(offenders.map((file) => path.relative(PROJECT_ROOT, file))).toEqual([]);
  });

  it.each(['vi.mock("../src/slack/app")', 'vi.stubEnv("TZ", "UTC")', "vi.resetModules()"])("catches %s", (line) => {
    expect(SHARED_STATE_CHANGES.test(line)).toBe(true);
  });
});
