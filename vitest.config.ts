import { defineConfig } from "vitest/config";

// test/postgres/ checks what only exists on PostgreSQL (its migrator, its schema beside SQLite's, instances on
// several hosts); `npm run test:postgres` adds it to the whole suite run on PostgreSQL.
const onPostgres = process.env.CADENCE_TEST_DATABASE === "postgres";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Needs Debian's Chromium: run by `npm run test:browser` (vitest.browser.config.ts) and in CI.
    exclude: ["test/browser/demo.test.ts", "**/node_modules/**", ...(onPostgres ? [] : ["test/postgres/**"])],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end files each boot their own app and database, and no test mocks a module, so files share a fork's
    // module cache: isolating them re-imported Prisma, Bolt and the app for every file (about 40 s of the run).
    // test/architecture.test.ts keeps module mocks out. Most end-to-end time is spent waiting (on Slack's
    // latency, Retry-After, child processes), so three forks keep two cores busy.
    pool: "forks",
    isolate: false,
    maxWorkers: 3,
    // `npm run coverage`: lines of src/ that the tests (this process and its forks, not child processes) run.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/generated/**"],
      reporter: ["text-summary", "text"],
      reportsDirectory: "test-results/coverage",
    },
  },
});
