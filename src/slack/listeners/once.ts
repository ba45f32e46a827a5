// Runs a handler once per Slack event or interaction, however often Slack delivers it.
import type { ProcessedEventRepository } from "../../repositories/processed-event-repository";

export async function once(events: ProcessedEventRepository, key: string, handler: () => Promise<void>): Promise<"handled" | "duplicate"> {
  if (!(await events.claim(key, new Date()))) return "duplicate";
  try {
    await handler();
    return "handled";
  } catch (error) {
    await events.release(key);
    throw error;
  }
}
