// Runs a handler once per Slack event or interaction, however often Slack delivers it.
import type { ProcessedEventRepository } from "../repositories/processed-event-repository";

export class OncePerEvent {
  constructor(private readonly events: Pick<ProcessedEventRepository, "claim" | "release">) {}

  async run(key: string, handler: () => Promise<void>): Promise<"handled" | "duplicate"> {
    if (!(await this.events.claim(key, new Date()))) return "duplicate";
    try {
      await handler();
      return "handled";
    } catch (error) {
      await this.events.release(key);
      throw error;
    }
  }
}
