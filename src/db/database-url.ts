/** Which database a `DATABASE_URL` names: a SQLite file (the default) or a PostgreSQL server. */
import { sqliteFilePath } from "./sqlite-url";

export type DatabaseProvider = "sqlite" | "postgres";

export function databaseProvider(databaseUrl: string): DatabaseProvider | undefined {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgres";
  return undefined;
}

/** For logs and the doctor: the SQLite file, or the PostgreSQL URL without its password. */
export function describeDatabase(databaseUrl: string): string {
  if (databaseProvider(databaseUrl) === "sqlite") return sqliteFilePath(databaseUrl);
  return databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^:@/]+):[^@/]*@/, "$1:***@");
}
