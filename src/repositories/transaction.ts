// Transactions that behave alike on both databases: each runs as if alone, and a clash with another writer is
// waited out by running it again instead of failing.
//
// SQLite: a Prisma transaction begins deferred: it reads, then upgrades to a writer. When another connection
// holds the write lock at that moment, SQLite answers SQLITE_BUSY straight away (its busy timeout does not apply
// to an upgrade), so the whole transaction is retried here, with backoff, for as long as the busy timeout allows.
//
// PostgreSQL: several writers run at once, so read-then-write transactions (take the lease if its holder is
// stale, one issue per KPI and week) run SERIALIZABLE, which gives SQLite's one-writer-at-a-time answers;
// PostgreSQL aborts one of two clashing transactions (a serialization failure or deadlock, Prisma's P2034) and
// that one is retried the same way.
import type { Database } from "../db/database";
import { BUSY_TIMEOUT_MS, providerOf } from "../db/database";
import type { Tx } from "./audit";

export function isBusyError(error: unknown): boolean {
  const failure = error as { code?: string; message?: string; meta?: unknown; cause?: unknown } | undefined;
  // A clash PostgreSQL reports at COMMIT reaches us as the driver adapter's own error, not as Prisma's P2034: its
  // message is only the kind ("TransactionWriteConflict") and the SQLSTATE is in its cause.
  const text = `${failure?.message ?? ""} ${JSON.stringify(failure?.meta ?? "")} ${JSON.stringify(failure?.cause ?? "")}`;
  return (
    failure?.code === "P2034" ||
    /SocketTimeout|SQLITE_BUSY|database is locked|could not serialize access|deadlock detected|TransactionWriteConflict|40001|40P01/i.test(text)
  );
}

export async function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const options = providerOf(db) === "postgres" ? { isolationLevel: "Serializable" as const } : undefined;
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(work, options);
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 250) * (0.5 + Math.random())));
    }
  }
}
