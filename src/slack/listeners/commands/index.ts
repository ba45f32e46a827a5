// Slash commands, one file each.
import type { App } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { cadenceCommand } from "./cadence";
import { issueCommand } from "./issue";
import { scorecardCommand } from "./scorecard";
import { priorityCommand } from "./priority";
import { todoCommand } from "./todo";

export function registerCommands(app: App, services: CadenceServices): void {
  app.command("/cadence", cadenceCommand(services));
  app.command("/scorecard", scorecardCommand(services));
  app.command("/issue", issueCommand(services));
  app.command("/priority", priorityCommand(services));
  app.command("/todo", todoCommand(services));
}
