// Events API subscriptions, one file each.
import type { App } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { appHomeOpened } from "./app-home-opened";
import { memberJoinedChannel } from "./member-joined-channel";
import { directMessageReceived } from "./message-im";

export function registerEvents(app: App, services: CadenceServices): void {
  app.event("message", directMessageReceived(services));
  app.event("app_home_opened", appHomeOpened(services));
  app.event("member_joined_channel", memberJoinedChannel(services));
}
