// The weekly loop's jobs: run on each scheduler tick when due, or at once by `/cadence run <job>`.
import type { Logger } from "@slack/bolt";
import type { JobName } from "../domain/commands/cadence-command";
import type { CheckinService } from "./checkin-service";
import type { JobReport, WeeklyStep } from "./job-report";

export class WeeklyLoop {
  private readonly steps: Record<JobName, WeeklyStep>;

  constructor(
    private readonly deps: {
      checkins: CheckinService;
      drift: WeeklyStep;
      digest: WeeklyStep;
      pendingIssues: { postPending(now: Date): Promise<void> };
      logger: Logger;
    },
  ) {
    const { checkins } = deps;
    this.steps = {
      checkins: { runDue: (now) => checkins.sendDue(now), runNow: (now) => checkins.sendNow(now) },
      reminders: { runDue: (now) => checkins.remindDue(now), runNow: (now) => checkins.remindNow(now) },
      drift: deps.drift,
      digest: deps.digest,
    };
  }

  /** One scheduler tick: each step in loop order; one failing step does not stop the others. */
  async tick(now: Date): Promise<void> {
    for (const [name, step] of Object.entries(this.steps)) {
      try {
        await step.runDue(now);
      } catch (error) {
        this.deps.logger.error(`scheduled ${name} failed:`, error);
      }
    }
    await this.deps.pendingIssues.postPending(now).catch((error: unknown) => this.deps.logger.error("posting pending issues failed:", error));
  }

  async runNow(job: JobName, now: Date): Promise<JobReport> {
    return this.steps[job].runNow(now);
  }
}
