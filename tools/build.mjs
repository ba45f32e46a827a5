// `npm run build`, which `npm start` runs first: src/ bundled by esbuild into dist/main.js and the off-loop
// thread into dist/off-loop-thread.js, with source maps (`NODE_OPTIONS=--enable-source-maps npm start` maps
// stack traces to src/ and node_modules/).
//
// The packages are bundled too, all but those that load a native addon. Left in node_modules, Node resolves,
// stats and reads some 600 files at start, and scans each CommonJS one for its exports before an ES module may
// import it. The bundle is minified for whitespace and syntax only, so stack traces keep their functions' names:
// V8 keeps a module's source for as long as the process runs, and 4.9 MB of it cost 8-10 MB of idle memory.
// Three starts of each on this machine (issue 17 asks for 1 s and 100 MB; bare Bolt 0.4-0.6 s, 63-75 MB):
//   packages in node_modules        0.90-0.97 s, idle 90-93 MB
//   bundled                         0.70-0.77 s, idle 97-104 MB
//   bundled, whitespace and syntax  0.63-0.65 s, idle 93 MB
//   bundled, all minified           0.68-0.71 s, idle 103 MB (keepNames, for readable stacks, adds a call per function)
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Another folder may be named (the tests build the off-loop thread into their run's folder: test/support/global-setup.ts).
const dist = process.argv[2] ?? join(root, "dist");

// Prisma's generated client imports its query compiler as a module holding the Wasm as a 2.5 MB base64 string,
// which V8 then keeps twice for the life of the process (the module's source and the string): about 4.8 MB of an
// idle Cadence (issue 17 asks for 100 MB in all). The build writes the decoded .wasm beside the bundle and gives
// the client, in that module's place, a `wasm` that its decoder (`Buffer.from(wasm, "base64")`) turns into the
// file's bytes, read at that moment and not kept: Buffer.from takes an object's valueOf() when that is not the
// object itself, and copies bytes as they are whatever the encoding (https://nodejs.org/api/buffer.html).
// Prisma is pinned; should an upgrade load its compiler another way, the build fails here rather than quietly
// losing the saving (test/e2e/npm-start.test.ts starts the bundle on both databases).
const PRISMA_WASM_BASE64 = /^@prisma\/client\/runtime\/(query_compiler_bg\.\w+)\.wasm-base64\.mjs$/;
const NAMESPACE = "prisma-wasm-from-file";
/** The compilers written beside the bundle, by name. */
const written = [];

/** @type {import("esbuild").Plugin} */
const prismaWasmFromFile = {
  name: NAMESPACE,
  setup(bundler) {
    bundler.onResolve({ filter: PRISMA_WASM_BASE64 }, (args) => {
      // The module the client would have loaded at run time, resolved from the client's own folder as Node would.
      const path = createRequire(join(args.resolveDir, "importer.js")).resolve(args.path);
      return { path, namespace: NAMESPACE, pluginData: { name: PRISMA_WASM_BASE64.exec(args.path)[1] } };
    });
    bundler.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
      const { name } = args.pluginData;
      const { wasm } = await import(pathToFileURL(args.path).href);
      // Written whole under another name, then renamed: an instance starting from this folder meanwhile reads
      // the old file or the new one, never half of one.
      const target = join(dist, `${name}.wasm`);
      writeFileSync(`${target}.${process.pid}.tmp`, Buffer.from(wasm, "base64"));
      renameSync(`${target}.${process.pid}.tmp`, target);
      written.push(name);
      return {
        loader: "js",
        contents: [
          'import { readFileSync } from "node:fs";',
          `export const wasm = { valueOf: () => readFileSync(new URL("./${name}.wasm", import.meta.url)) };`,
        ].join("\n"),
      };
    });
  },
};

// Bolt loads Express (with some 40 packages) for its Express receiver, and the Socket Mode client (with undici and
// ws) for its Socket Mode receiver, as Cadence starts, whichever receiver it uses. The module that requires one
// gets a stand-in whose properties load it when first read:
// - Express is not bundled: Cadence never uses the Express receiver, so it is loaded (from node_modules, beside
//   better-sqlite3) only by someone who does.
// - The Socket Mode client stays in the bundle, run when a Socket Mode app builds its receiver at start. Loaded
//   from node_modules it would bring a second copy of @slack/web-api and its packages: about 170 ms and 21 MB
//   more for a Socket Mode app.
// Starts of an HTTP app, the median of 12 of each taken in turns (issue 17 asks for 1 s): 655 ms with both loaded
// at start, 597 ms with both bundled but run only when used, 572 ms with neither bundled; as built here, 591 ms
// against 658 ms in a second comparison.
// The stand-in says __esModule without loading, so TypeScript's import helpers (__importDefault, __importStar)
// take it as the module itself; for a CommonJS package (express), its `default` is then the package itself, as
// those helpers would have made it. It answers property reads only (how Bolt uses both): listing its keys would
// find none.
const LOAD_WHEN_USED = [
  { specifier: "express", importer: /@slack\/bolt\/dist\/receivers\/ExpressReceiver\.js$/, commonJs: true, bundled: false },
  { specifier: "@slack/socket-mode", importer: /@slack\/bolt\/dist\/receivers\/SocketModeReceiver\.js$/, commonJs: false, bundled: true },
];
const LAZY = "load-when-used";
/** The specifiers given a stand-in. */
const deferred = new Set();

/** @type {import("esbuild").Plugin} */
const loadWhenUsed = {
  name: LAZY,
  setup(bundler) {
    const specifiers = new RegExp(`^(${LOAD_WHEN_USED.map(({ specifier }) => specifier.replace(/[./]/g, "\\$&")).join("|")})$`);
    bundler.onResolve({ filter: specifiers }, async (args) => {
      if (args.pluginData === LAZY || !LOAD_WHEN_USED.some(({ specifier, importer }) => specifier === args.path && importer.test(args.importer)))
        return undefined;
      const real = await bundler.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: LAZY });
      if (real.errors.length > 0) return { errors: real.errors };
      deferred.add(args.path);
      const { commonJs, bundled } = LOAD_WHEN_USED.find(({ specifier }) => specifier === args.path);
      return { path: real.path, namespace: LAZY, pluginData: { commonJs, bundled } };
    });
    bundler.onLoad({ filter: /.*/, namespace: LAZY }, (args) => ({
      loader: "js",
      resolveDir: dirname(args.path),
      contents: [
        "let loaded;",
        args.pluginData.bundled
          ? `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`
          : // Where the package resolved at build time, from the bundle: a path held in a variable is not bundled.
            `const at = ${JSON.stringify(`./${relative(dist, args.path)}`)}; const load = () => (loaded ??= require(at));`,
        "module.exports = new Proxy({}, {",
        args.pluginData.commonJs
          ? '  get: (_, key) => (key === "__esModule" ? true : key === "default" ? load() : load()[key]),'
          : '  get: (_, key) => (key === "__esModule" ? true : load()[key]),',
        "});",
      ].join("\n"),
    }));
  },
};

mkdirSync(dist, { recursive: true });
await build({
  // The off-loop thread is a bundle of its own beside main.js (src/off-loop/off-loop-worker.ts starts it).
  entryPoints: { main: join(root, "src", "main.ts"), "off-loop-thread": join(root, "src", "off-loop", "off-loop-thread.ts") },
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  // better-sqlite3 loads its compiled addon through `bindings`, which looks for it beside the package's own files.
  external: ["better-sqlite3"],
  // Bundled CommonJS packages call require() for Node's modules (and pg for its optional pg-native, inside a
  // try); an ES module has no require of its own, so the bundle makes one as Node's documentation shows
  // (https://nodejs.org/api/module.html#modulecreaterequirefilename).
  banner: { js: 'import { createRequire as createRequireForPackages } from "node:module"; const require = createRequireForPackages(import.meta.url);' },
  minifyWhitespace: true,
  minifySyntax: true,
  // The map names the src/ and node_modules/ files and lines; their text is in those files already.
  sourcemap: true,
  sourcesContent: false,
  plugins: [prismaWasmFromFile, loadWhenUsed],
  logLevel: "warning",
});
// V8 keeps each module's source for the life of the process: one byte a character when all are Latin-1
// (U+0000-U+00FF), two bytes for every character otherwise. Three regular expressions holding € and • (esbuild
// escapes such characters in strings, not in regular expression literals) made main.js's 3.4 MB of source cost
// 6.8 MB of an idle Cadence (a heap snapshot; idle RSS 100.4 MB before, 97.0 MB after). They are written as \u
// escapes in src/, and a bundle holding such a character again fails the build here.
for (const bundle of ["main.js", "off-loop-thread.js"]) {
  const lines = readFileSync(join(dist, bundle), "utf8").split("\n");
  const found = lines.findIndex((line) => /[\u0100-\uffff]/.test(line));
  if (found >= 0) {
    const at = lines[found].search(/[\u0100-\uffff]/);
    console.error(`${join(dist, bundle)}:${found + 1} holds a character past Latin-1: ...${lines[found].slice(Math.max(0, at - 60), at + 20)}...`);
    console.error("write the character as a \\u escape in src/ (see tools/build.mjs)");
    process.exit(1);
  }
}
// Should a Bolt upgrade load these another way, the build fails rather than quietly losing the saving.
for (const { specifier } of LOAD_WHEN_USED) {
  if (deferred.has(specifier)) continue;
  console.error(`Bolt no longer requires ${specifier} where tools/build.mjs expects it; see LOAD_WHEN_USED there`);
  process.exit(1);
}
if (written.length === 0) {
  console.error("Prisma's client no longer imports its query compiler as a base64 module; see tools/build.mjs");
  process.exit(1);
}
