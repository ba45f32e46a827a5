import { defineConfig } from "vitest/config";

// `npm run test:browser`: the demo page driven by Debian's Chromium (tools/demo, test/browser). It needs Chromium,
// so `npm test` leaves it out (vitest.config.ts) and .ci/run installs Chromium and runs it. Slow by nature:
// it seeds a team through the app and clicks through a week, so the timeouts are generous.
export default defineConfig({
  test: {
    include: ["test/browser/demo.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
