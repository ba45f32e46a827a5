/** The SQLite file a `DATABASE_URL` names, with Cadence's default. Relative paths are from the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/cadence.db";

export function sqliteUrl(databaseUrl: string | undefined): string {
  return databaseUrl && databaseUrl.trim() !== "" ? databaseUrl : DEFAULT_DATABASE_URL;
}

export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
}
