// Running Cadence processes on this database, and the lease that lets one of them run the scheduler.
import type { Database } from "../db/database";
import { transaction } from "./transaction";

export interface InstanceRow {
  id: string;
  pid: number;
  host: string;
  startedAt: Date;
  heartbeatAt: Date;
}

export class InstanceRepository {
  constructor(private readonly db: Database) {}

  async register(instance: InstanceRow): Promise<void> {
    await this.db.instance.create({ data: instance });
  }

  async heartbeat(id: string, at: Date): Promise<void> {
    await this.db.instance.updateMany({ where: { id }, data: { heartbeatAt: at } });
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

  /** Takes the lease if it is free or held by `deadHolder`; true when this instance now holds it. */
  async takeLease(name: string, holder: string, deadHolder: string | undefined, at: Date): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const current = await tx.lease.findUnique({ where: { name } });
      if (current && current.holder !== holder && current.holder !== deadHolder) return false;
      await tx.lease.upsert({ where: { name }, create: { name, holder, acquiredAt: at }, update: { holder, acquiredAt: at } });
      return true;
    });
  }
}
