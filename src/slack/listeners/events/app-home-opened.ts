// Opening the home tab publishes a fresh view for that person.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";

export function appHomeOpened(services: CadenceServices) {
  return async ({ event, logger }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== "home") return;
    try {
      await services.home.publish(event.user, services.clock());
    } catch (error) {
      logger.error("publishing the home tab failed", error);
    }
  };
}
