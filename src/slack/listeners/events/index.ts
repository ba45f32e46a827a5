// Events API subscriptions, one file each.
import type { App } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { directMessageReceived } from "./message-im";

export function registerEvents(app: App, services: CadenceServices): void {
  app.event("message", directMessageReceived(services));
}
