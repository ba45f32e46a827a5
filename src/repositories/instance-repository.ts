// Running Cadence processes on this database, and the lease that lets one of them run the scheduler.
// Heartbeats and lease expiry use the database's clock: instances may disagree about the time, the database
// they share cannot.
import { providerOf, type Database } from "../db/database";
import type { DatabaseProvider } from "../db/database-url";
import { transaction } from "./transaction";

export interface InstanceRow {
  id: string;
  pid: number;
  host: string;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Who may take a lease from its holder: an instance known dead, or one whose heartbeat is older than this. */
export interface LeaseTakeover {
  deadHolder?: string;
  staleBefore: Date;
}

// The current time to the millisecond as ISO text, read fresh on each call (PostgreSQL's now() would be the start
// of the transaction).
const NOW_SQL: Record<DatabaseProvider, string> = {
  sqlite: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now",
  postgres: `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
};

export class InstanceRepository {
  constructor(private readonly db: Database) {}

  async databaseNow(): Promise<Date> {
    const [row] = await this.db.$queryRawUnsafe<{ now: string }[]>(NOW_SQL[providerOf(this.db)]);
    return new Date(row.now);
  }

  async register(instance: Omit<InstanceRow, "heartbeatAt">): Promise<void> {
    await this.db.instance.create({ data: { ...instance, heartbeatAt: await this.databaseNow() } });
  }

  /** Refreshes the heartbeat; false when this instance's row is gone (it was pruned as dead). */
  async heartbeat(id: string): Promise<boolean> {
    const result = await this.db.instance.updateMany({ where: { id }, data: { heartbeatAt: await this.databaseNow() } });
    return result.count === 1;
  }

  async remove(id: string): Promise<void> {
    await this.db.instance.deleteMany({ where: { id } });
    await this.db.lease.deleteMany({ where: { holder: id } });
  }

  async find(id: string): Promise<InstanceRow | undefined> {
    return (await this.db.instance.findUnique({ where: { id } })) ?? undefined;
  }

  async leaseHolder(name: string): Promise<string | undefined> {
    return (await this.db.lease.findUnique({ where: { name } }))?.holder;
  }

  /**
   * Takes the lease if it is free, already ours, or held by an instance that is dead or silent since before
   * `staleBefore` (judged inside the transaction, so two takers cannot both win); true when `holder` has it now.
   */
  async takeLease(name: string, holder: string, takeover: LeaseTakeover): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const current = await tx.lease.findUnique({ where: { name } });
      if (current && current.holder !== holder && current.holder !== takeover.deadHolder) {
        const currentHolder = await tx.instance.findUnique({ where: { id: current.holder } });
        if (currentHolder && currentHolder.heartbeatAt >= takeover.staleBefore) return false;
      }
      const at = new Date();
      await tx.lease.upsert({ where: { name }, create: { name, holder, acquiredAt: at }, update: { holder, acquiredAt: at } });
      return true;
    });
  }
}
