// What needs an admin's attention, for `/cadence status` and the admin part of the App Home. Each concern is
// one section of the report, so more checks can be added as sections.
import { describeDeliveryKey, fixFor } from "../domain/delivery-failures";
import type { DeliveryStore } from "../repositories/delivery-repository";
import type { StatusReport, StatusSection } from "../messages/status-blocks";
import type { SetupCheck } from "./setup-checks";

type Dated = { week: string; at: Date };

export interface StatusDeps {
  deliveries: Pick<DeliveryStore, "listAbandoned">;
  /** The same checks as `npm run doctor` (Slack, scopes, channel, database, time zones). */
  setupChecks: () => Promise<SetupCheck[]>;
  checkins: { lastActivity(): Promise<{ sent?: Dated; reminded?: Dated }> };
  jobRuns: { lastCompleted(job: string): Promise<{ week: string; completedAt: Date } | undefined> };
  /** Sections other features add (stop webhooks not delivered). */
  more?: () => Promise<StatusSection[]>;
}

export class StatusService {
  constructor(private readonly deps: StatusDeps) {}

  async report(): Promise<StatusReport> {
    return { sections: [await this.refusedMessages(), ...((await this.deps.more?.()) ?? []), await this.setup(), await this.weeklyJobs()] };
  }

  /** Every set-up check, passing or not: the admin sees at a glance that each was looked at. */
  async setup(): Promise<StatusSection> {
    const checks = await this.deps
      .setupChecks()
      .catch((error: Error) => [{ name: "set-up checks", ok: false, detail: `could not run (${error.message})`, fix: "run `npm run doctor` on the server" }]);
    return {
      title: "Set-up checks (as `npm run doctor`)",
      whenEmpty: "No checks ran.",
      items: checks.map((check) => ({ text: `${check.ok ? "✓" : "✗"} ${check.name}: ${check.detail}`, ...(check.ok ? {} : { fix: check.fix }) })),
    };
  }

  /** When each step of the weekly loop last did its work, and for which week. */
  async weeklyJobs(): Promise<StatusSection> {
    const { sent, reminded } = await this.deps.checkins.lastActivity();
    const drift = await this.deps.jobRuns.lastCompleted("drift");
    const digest = await this.deps.jobRuns.lastCompleted("digest");
    const line = (job: string, run: Dated | undefined) => ({ text: run ? `${job}: ${run.week}, last at ${utc(run.at)}` : `${job}: not run yet` });
    return {
      title: "Weekly loop: last runs",
      whenEmpty: "",
      items: [
        line("check-in DMs", sent),
        line("reminders", reminded),
        line("deadline (drift and missing issues)", drift && { week: drift.week, at: drift.completedAt }),
        line("digest", digest && { week: digest.week, at: digest.completedAt }),
      ],
    };
  }

  /** Messages Slack refused for good (not_in_channel, …): Cadence no longer tries them; each says its fix. */
  async refusedMessages(): Promise<StatusSection> {
    const rows = await this.deps.deliveries.listAbandoned();
    return {
      title: "Messages Slack refused for good",
      whenEmpty: "None: every message Cadence had to post was posted or is still being retried.",
      items: rows.map((row) => {
        const code = row.lastError ?? "unknown";
        return {
          text: `${describeDeliveryKey(row.key)}: Slack answered \`${code}\` (first tried ${row.firstClaimedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
          fix: fixFor(code, row.channel),
        };
      }),
    };
  }
}

function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
