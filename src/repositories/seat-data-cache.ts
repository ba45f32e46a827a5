// Recent reads of seats, their KPIs, tokens and kill thresholds, for the agent API's hot path (each Prisma query
// costs about a millisecond of CPU; an agent sends the same token and KPIs again and again).
//
// Two limits keep an answer from being stale. In this process, every write to that data through a repository
// calls seatDataChanged(db), which drops every cached read at once. Another instance on the same PostgreSQL
// database cannot tell this one, so a read is also kept at most SEAT_DATA_TTL_MS: a token revoked or a seat
// paused there is refused here within that time.
import type { Database } from "../db/database";
import type { Tx } from "./audit";
import { commitWatchers } from "./commit-watchers";
import { transaction } from "./transaction";

export const SEAT_DATA_TTL_MS = 5_000;

const versions = new WeakMap<Database, number>();

const versionOf = (db: Database): number => versions.get(db) ?? 0;

const watchers = commitWatchers<void>();

/** Called after a write to seats, KPIs, seat tokens or kill thresholds has been committed. */
export function seatDataChanged(db: Database): void {
  versions.set(db, versionOf(db) + 1);
  watchers.tell(db);
}

/** Calls `watcher` after each such write through `db`: the agent API's worker thread keeps reads of its own. */
export function watchSeatData(db: Database, watcher: () => void): void {
  watchers.watch(db, watcher);
}

interface Cached<V> {
  value: V;
  version: number;
  at: number;
}

export class SeatDataCache<K, V> {
  private readonly entries = new Map<K, Cached<V>>();

  constructor(
    private readonly db: Database,
    /** A monotonic clock in ms: the real one, since the TTL is about other instances' writes in real time. */
    private readonly monotonicNow: () => number = () => performance.now(),
    private readonly ttlMs = SEAT_DATA_TTL_MS,
  ) {}

  /**
   * The cached value, or `load()`'s, kept unless the data changed while it loaded. Nothing is kept for
   * `undefined` (a seat id nobody holds a token for), so made-up keys cannot fill the cache.
   */
  async get(key: K, load: () => Promise<V | undefined>, options: { fresh?: boolean } = {}): Promise<V | undefined> {
    const cached = this.entries.get(key);
    if (!options.fresh && cached && this.isFresh(cached)) return cached.value;
    const { version, at } = this.stamp();
    const value = await load();
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, { value, version, at });
    return value;
  }

  /** Whether every key has a fresh cached value (a batch is then answered without a query). */
  freshValues(keys: K[]): Map<K, V> | undefined {
    const found = new Map<K, V>();
    for (const key of keys) {
      const cached = this.entries.get(key);
      if (!cached || !this.isFresh(cached)) return undefined;
      found.set(key, cached.value);
    }
    return found;
  }

  private isFresh(cached: Cached<V>): boolean {
    return cached.version === versionOf(this.db) && this.monotonicNow() - cached.at < this.ttlMs;
  }

  /** Keeps values read together at one version (read before the load began). */
  setAll(values: Iterable<[K, V]>, version: number, at: number): void {
    for (const [key, value] of values) this.entries.set(key, { value, version, at });
  }

  /** The version and time to stamp a batch load with, taken before it starts. */
  stamp(): { version: number; at: number } {
    return { version: versionOf(this.db), at: this.monotonicNow() };
  }
}

/** A transaction that writes seats, KPIs, seat tokens or kill thresholds: cached reads are dropped once it commits. */
export async function seatDataTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await transaction(db, work);
  seatDataChanged(db);
  return result;
}
