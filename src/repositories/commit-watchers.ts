// Who hears of writes committed through a database connection, per connection: each thread has its own, and the
// off-loop thread keeps recent reads that writes through either must reach (seat-data-cache.ts, value-changes.ts).
import type { Database } from "../db/database";

export function commitWatchers<Change>() {
  const watchers = new WeakMap<Database, ((change: Change) => void)[]>();
  return {
    tell(db: Database, change: Change): void {
      for (const watcher of watchers.get(db) ?? []) watcher(change);
    },
    watch(db: Database, watcher: (change: Change) => void): void {
      watchers.set(db, [...(watchers.get(db) ?? []), watcher]);
    },
  };
}
