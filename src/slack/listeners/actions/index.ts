// Buttons and selects, one file each.
import type { App, BlockButtonAction } from "@slack/bolt";
import type { CadenceServices } from "../../../services/cadence-services";
import { ACTIONS } from "../../ids";
import { openCheckinForm } from "./open-checkin-form";

export function registerActions(app: App, services: CadenceServices): void {
  app.action<BlockButtonAction>(ACTIONS.openCheckinForm, openCheckinForm(services));
}
