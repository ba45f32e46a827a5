// The PostgreSQL schema is derived from prisma/schema.prisma, never edited by hand: only the datasource and the
// client's output folder differ (Prisma generates one client per provider). `npm run db:postgres-schema` writes
// it; test/db/postgres-schema.test.ts fails when the committed copy is out of step.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SQLITE_SCHEMA_PATH = join(here, "..", "schema.prisma");
export const POSTGRES_SCHEMA_PATH = join(here, "schema.prisma");

const HEADER = "// GENERATED from prisma/schema.prisma by prisma/postgres/derive-schema.ts (npm run db:postgres-schema): do not edit.\n";

export function derivePostgresSchema(sqliteSchema: string): string {
  const replace = (text: string, pattern: RegExp, replacement: string) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update derive-schema.ts`);
    return text.replace(pattern, replacement);
  };
  let schema = replace(sqliteSchema, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  // The app connects through @prisma/adapter-pg with DATABASE_URL; this url only satisfies the schema parser.
  schema = replace(schema, /url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/cadence"');
  schema = replace(schema, /output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output     = "../../src/generated/prisma-postgres"');
  return HEADER + schema;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(POSTGRES_SCHEMA_PATH, derivePostgresSchema(readFileSync(SQLITE_SCHEMA_PATH, "utf8")));
  console.log(`wrote ${POSTGRES_SCHEMA_PATH}`);
}
