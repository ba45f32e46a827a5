// What needs an admin's attention, for `/cadence status` and the admin part of the App Home. Each concern is
// one section of the report, so more checks can be added as sections.
import { describeDeliveryKey, fixFor } from "../domain/delivery-failures";
import type { DeliveryStore } from "../repositories/delivery-repository";
import type { StatusReport, StatusSection } from "../messages/status-blocks";

export class StatusService {
  constructor(private readonly deps: { deliveries: Pick<DeliveryStore, "listAbandoned"> }) {}

  async report(): Promise<StatusReport> {
    return { sections: [await this.refusedMessages()] };
  }

  /** Messages Slack refused for good (not_in_channel, …): Cadence no longer tries them; each says its fix. */
  async refusedMessages(): Promise<StatusSection> {
    const rows = await this.deps.deliveries.listAbandoned();
    return {
      title: "Messages Slack refused for good",
      whenEmpty: "None: every message Cadence had to post was posted or is still being retried.",
      items: rows.map((row) => {
        const code = row.lastError ?? "unknown";
        return { text: `${describeDeliveryKey(row.key)}: Slack answered \`${code}\` (first tried ${row.firstClaimedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`, fix: fixFor(code, row.channel) };
      }),
    };
  }
}
