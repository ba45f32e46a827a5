// Transactions that wait for SQLite's write lock instead of failing at once.
//
// A Prisma transaction begins deferred: it reads, then upgrades to a writer. When another connection holds the
// write lock at that moment, SQLite answers SQLITE_BUSY straight away (its busy timeout does not apply to an
// upgrade), so the whole transaction is retried here, with backoff, for as long as the busy timeout allows.
import type { Database } from "../db/database";
import { BUSY_TIMEOUT_MS } from "../db/database";
import type { Tx } from "./audit";

export function isBusyError(error: unknown): boolean {
  const text = `${(error as { message?: string } | undefined)?.message ?? ""} ${JSON.stringify((error as { meta?: unknown } | undefined)?.meta ?? "")}`;
  return /SocketTimeout|SQLITE_BUSY|database is locked/i.test(text);
}

export async function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 250)));
    }
  }
}
