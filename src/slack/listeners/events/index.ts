// Events API subscriptions, one file each, behind one Bolt listener (route-by-name.ts says why).
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { routeByName } from "../route-by-name";
import { appHomeOpened } from "./app-home-opened";
import { memberJoinedChannel } from "./member-joined-channel";
import { directMessageReceived } from "./message-im";

type EventArgs = SlackEventMiddlewareArgs & AllMiddlewareArgs;

export function registerEvents(app: App, services: CadenceServices): void {
  const routes = [
    ["message", directMessageReceived(services)],
    ["app_home_opened", appHomeOpened(services)],
    ["member_joined_channel", memberJoinedChannel(services)],
  ] as const;
  // Bolt acks events itself; one Cadence did not subscribe to has nothing to do.
  app.event(
    /.*/,
    routeByName<EventArgs>(
      (args) => args.event.type,
      routes,
      async () => undefined,
    ),
  );
}
