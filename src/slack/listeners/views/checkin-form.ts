// The check-in form's submission: every value is checked, and any bad one is refused inside the form.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { parseValue } from "../../../domain/units";
import { isWeek } from "../../../domain/week";
import type { CadenceServices } from "../../../services/cadence-services";
import { FORM } from "../../../messages/ids";
import { readPrivateMetadata } from "./private-metadata";

const metadata = z.object({ week: z.string().refine(isWeek), ownerId: z.string().min(1) });
const formState = z.record(
  z.string(),
  z.record(z.string(), z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).passthrough()),
);

export function checkinFormSubmitted(services: CadenceServices) {
  return async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const meta = readPrivateMetadata(metadata, view.private_metadata);
    const state = formState.safeParse(view.state.values);
    if (!meta || !state.success) {
      logger.warn("check-in form with malformed metadata or state");
      return void (await ack({ response_action: "errors", errors: { [FORM.noteBlock]: "This form is out of date; close it and open it again." } }));
    }
    const { week, ownerId } = meta;
    const now = services.clock();
    const model = await services.checkins.model(ownerId, week);
    const kpis = new Map(model.seats.flatMap((seat) => seat.kpis).map((kpi) => [kpi.id, kpi]));
    const errors: Record<string, string> = {};
    const values: { kpiId: number; value: number }[] = [];
    for (const [blockId, fields] of Object.entries(state.data)) {
      const match = FORM.kpiBlockPattern.exec(blockId);
      if (!match) continue;
      const kpi = kpis.get(Number(match[1]));
      const field = fields[FORM.valueAction];
      const text = field?.value ?? field?.selected_option?.value ?? "";
      if (!kpi) {
        errors[blockId] = "This KPI is no longer on your seats; close the form and open it again.";
        continue;
      }
      if (text.trim() === "") continue;
      const parsed = kpi.unit === "yes/no" && /^[01]$/.test(text) ? { ok: true as const, value: Number(text) } : parseValue(text, kpi.unit);
      if (parsed.ok) values.push({ kpiId: kpi.id, value: parsed.value });
      else errors[blockId] = parsed.error;
    }
    if (Object.keys(errors).length > 0) return void (await ack({ response_action: "errors", errors }));
    const note = state.data[FORM.noteBlock]?.[FORM.noteAction]?.value?.trim() || null;
    const result = await services.entries.recordForOwner({ actorId: body.user.id, ownerId, week, values, note, source: "form", now });
    if (!result.ok) {
      const firstBlock = Object.keys(state.data).find((blockId) => FORM.kpiBlockPattern.test(blockId)) ?? FORM.noteBlock;
      return void (await ack({ response_action: "errors", errors: { [firstBlock]: result.error } }));
    }
    await ack();
  };
}
