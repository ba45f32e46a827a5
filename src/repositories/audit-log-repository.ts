// Audit rows that belong to no change of their own: a job run by hand, an attempt that was refused.
import type { Database } from "../db/database";
import { writeAudit, type AuditInput } from "./audit";

export class AuditLogRepository {
  constructor(private readonly db: Database) {}

  async record(input: AuditInput): Promise<void> {
    await writeAudit(this.db, input);
  }
}
