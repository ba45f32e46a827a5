// DATABASE_URL is resolved once, from the project root, so the migration CLI and the app open one file.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config";
import { absoluteSqliteUrl } from "../../src/db/sqlite-url";
import { PROJECT_ROOT } from "../support/paths";

const required = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", CADENCE_CHANNEL: "C0CADENCE" };

describe("DATABASE_URL", () => {
  it.each([
    ["file:./data/cadence.db", "/srv/cadence", "file:/srv/cadence/data/cadence.db"],
    ["file:data/x.db", "/srv/cadence", "file:/srv/cadence/data/x.db"],
    ["file:../shared/x.db?mode=rwc", "/srv/cadence", "file:/srv/shared/x.db?mode=rwc"],
    ["file:/var/lib/cadence.db", "/srv/cadence", "file:/var/lib/cadence.db"],
  ])("%s from %s is %s", (url, root, expected) => {
    expect(absoluteSqliteUrl(url, root)).toBe(expected);
  });

  it("defaults to data/cadence.db under the project root, whatever the working directory", () => {
    const before = process.cwd();
    process.chdir("/tmp");
    try {
      expect(loadConfig(required).databaseUrl).toBe(`file:${PROJECT_ROOT}/data/cadence.db`);
      expect(loadConfig({ ...required, DATABASE_URL: "file:./other.db" }).databaseUrl).toBe(`file:${PROJECT_ROOT}/other.db`);
    } finally {
      process.chdir(before);
    }
  });
});
