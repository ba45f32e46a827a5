// One runner at a time for a job that every instance might start (the tick's sweeps, when the scheduler lease
// changes hands while the old holder's tick is still running). On PostgreSQL the runner holds
// pg_try_advisory_xact_lock in a transaction kept open while the job runs: a transaction-scoped lock (not a
// session lock, which breaks behind a transaction-pooling proxy such as PgBouncer) that ends with the
// transaction, whatever happens to the process. Another instance asking meanwhile does not wait: it skips.
// SQLite (one host) relies on the scheduler lease alone.
import { providerOf, type Database } from "../db/database";

// The first key of the two-key advisory lock: Cadence's job locks, apart from the migrator's one-key lock.
const JOB_LOCK_CLASS = 0x0cade;
// A job holds its transaction (and one pooled connection) at most this long; PostgreSQL then ends it and the lock.
const JOB_LOCK_MAX_MS = 15 * 60_000;

export type RunAlone<T> = { ran: true; value: T } | { ran: false };

export class JobLockRepository {
  constructor(private readonly db: Database) {}

  /** Runs `job` unless another instance is running the job `name` right now. */
  async runAlone<T>(name: string, job: () => Promise<T>): Promise<RunAlone<T>> {
    if (providerOf(this.db) !== "postgres") return { ran: true, value: await job() };
    return this.db.$transaction(
      async (tx): Promise<RunAlone<T>> => {
        const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${JOB_LOCK_CLASS}::int, hashtext(${name})) AS locked`;
        return locked ? { ran: true, value: await job() } : { ran: false };
      },
      { timeout: JOB_LOCK_MAX_MS, maxWait: 10_000 },
    );
  }
}
