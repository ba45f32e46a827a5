// DATABASE_URL is resolved once, from the project root, so the migration CLI and the app open one file.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config";
import { describeDatabase } from "../../src/db/database-url";
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

  it.each(["postgres://cadence:secret@db.internal:5432/cadence", "postgresql://cadence@127.0.0.1:5432/cadence?sslmode=require"])(
    "takes the PostgreSQL URL %s as it is",
    (url) => {
      expect(loadConfig({ ...required, DATABASE_URL: url }).databaseUrl).toBe(url);
    },
  );

  it("refuses a URL of another database, naming both kinds it takes", () => {
    expect(() => loadConfig({ ...required, DATABASE_URL: "mysql://root@localhost/cadence" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...required, DATABASE_URL: "mysql://root@localhost/cadence" })).toThrow(
      /DATABASE_URL must be a file: URL \(SQLite\) or a postgres:\/\/ or postgresql:\/\/ URL/,
    );
  });

  it("never shows a PostgreSQL password in the log line that names the database", () => {
    expect(describeDatabase("postgres://cadence:s3cret@db.internal:5432/cadence")).toBe("postgres://cadence:***@db.internal:5432/cadence");
    expect(describeDatabase("postgresql://cadence@db.internal/cadence")).toBe("postgresql://cadence@db.internal/cadence");
    expect(describeDatabase("file:/srv/cadence/data/cadence.db")).toBe("/srv/cadence/data/cadence.db");
  });
});
