// `npm run build`, which `npm start` runs first: src/ bundled by esbuild into dist/main.js (packages stay in
// node_modules), with a source map (`NODE_OPTIONS=--enable-source-maps npm start` maps stack traces to src/).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

// Prisma's generated client imports its query compiler as a module holding the Wasm as a 2.5 MB base64 string,
// which V8 then keeps twice for the life of the process (the module's source and the string): about 4.8 MB of an
// idle Cadence (issue 17 asks for 100 MB in all). The build writes the decoded .wasm beside the bundle and gives
// the client, in that module's place, a `wasm` that its decoder (`Buffer.from(wasm, "base64")`) turns into the
// file's bytes, read at that moment and not kept: Buffer.from takes an object's valueOf() when that is not the
// object itself, and copies bytes as they are whatever the encoding (https://nodejs.org/api/buffer.html).
// Should a Prisma release load its compiler another way, nothing matches and the client loads it as before.
const PRISMA_WASM_BASE64 = /^@prisma\/client\/runtime\/(query_compiler_bg\.\w+)\.wasm-base64\.mjs$/;

/** @type {import("esbuild").Plugin} */
const prismaWasmFromFile = {
  name: "prisma-wasm-from-file",
  setup(bundler) {
    bundler.onResolve({ filter: PRISMA_WASM_BASE64 }, (args) => ({ path: args.path, namespace: "prisma-wasm-from-file" }));
    bundler.onLoad({ filter: /.*/, namespace: "prisma-wasm-from-file" }, async (args) => {
      const name = PRISMA_WASM_BASE64.exec(args.path)[1];
      const { wasm } = await import(args.path);
      writeFileSync(join(dist, `${name}.wasm`), Buffer.from(wasm, "base64"));
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

mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(root, "src", "main.ts")],
  outfile: join(dist, "main.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  // The map names src/ files and lines; their text is in src/ already.
  sourcemap: true,
  sourcesContent: false,
  plugins: [prismaWasmFromFile],
  logLevel: "warning",
});
