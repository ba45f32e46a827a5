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
    // End-to-end files each boot their own app and database; two cores run two files at a time.
    pool: "forks",
    maxWorkers: 2,
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
