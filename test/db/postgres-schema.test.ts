// The PostgreSQL schema cannot drift from prisma/schema.prisma: it is derived from it, and the committed copy
// (which `prisma generate` reads at install) must be what the derivation gives today.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH } from "../../prisma/postgres/derive-schema";

describe("prisma/postgres/schema.prisma", () => {
  it("is prisma/schema.prisma with only the provider, url and client folder changed (run npm run db:postgres-schema)", () => {
    const derived = derivePostgresSchema(readFileSync(SQLITE_SCHEMA_PATH, "utf8"));
    expect(readFileSync(POSTGRES_SCHEMA_PATH, "utf8")).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain("src/generated/prisma-postgres");
  });

  it("refuses a SQLite schema it does not know how to rewrite, instead of writing a wrong one", () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(/no longer matches/);
  });
});
