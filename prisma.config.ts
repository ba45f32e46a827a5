// Prisma CLI settings: the Wasm schema engine and the better-sqlite3 adapter, so nothing is downloaded.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath, sqliteUrl } from "./src/db/sqlite-url";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = sqliteUrl(process.env.DATABASE_URL);
    // SQLite creates the file but not its folder.
    mkdirSync(dirname(sqliteFilePath(url)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
