/** The SQLite file a `DATABASE_URL` names, with Cadence's default. */
import { isAbsolute, resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/cadence.db";

export function sqliteUrl(databaseUrl: string | undefined): string {
  return databaseUrl && databaseUrl.trim() !== "" ? databaseUrl : DEFAULT_DATABASE_URL;
}

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}

/**
 * The same URL with its path made absolute from `root`. Resolved once, at start: the migration CLI runs in the
 * project root and the app in whatever folder it was started from, and both must open one file.
 */
export function absoluteSqliteUrl(databaseUrl: string, root: string): string {
  const path = sqliteFilePath(databaseUrl);
  if (isAbsolute(path)) return databaseUrl;
  const query = databaseUrl.match(/\?.*$/)?.[0] ?? "";
  return `file:${resolve(root, path)}${query}`;
}
