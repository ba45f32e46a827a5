// Which weekly jobs (drift, digest) have completed for which week, so later ticks skip them.
import type { Database } from "../db/database";

export class JobRunRepository {
  constructor(private readonly db: Database) {}

  async isComplete(job: string, week: string): Promise<boolean> {
    const row = await this.db.jobRun.findUnique({ where: { job_week: { job, week } } });
    return Boolean(row?.completedAt);
  }

  async markComplete(job: string, week: string, at: Date): Promise<void> {
    await this.db.jobRun.upsert({
      where: { job_week: { job, week } },
      create: { job, week, startedAt: at, completedAt: at },
      update: { completedAt: at },
    });
  }

  /** The most recent completed run of `job` (by completion time), for /cadence status. */
  async lastCompleted(job: string): Promise<{ week: string; completedAt: Date } | undefined> {
    const row = await this.db.jobRun.findFirst({ where: { job, completedAt: { not: null } }, orderBy: { completedAt: "desc" } });
    return row?.completedAt ? { week: row.week, completedAt: row.completedAt } : undefined;
  }
}
