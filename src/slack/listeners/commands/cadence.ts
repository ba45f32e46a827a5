// `/cadence …`: set-up commands, admins only.
import { parseCadenceCommand, type CadenceCommand } from "../../../domain/commands/cadence-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { errorReply, textReply, type Reply } from "../../../messages/reply";
import { buildHelpReply, buildKpiListReply, buildSeatListReply, seatLabel } from "../../../messages/setup-blocks";
import { formatGoal } from "../../../domain/goal";
import { escapeText } from "../../../messages/limits";
import { commandListener, inRenderTurn } from "./command-listener";
import { buildStatusReply } from "../../../messages/status-blocks";
import { recordRefusal } from "../../../services/audit-trail";
import type { JobReport } from "../../../services/job-report";
import { isPilotCommand, runPilotCommand } from "./pilot";
import { runTimeOffCommand } from "./time-off";

function describeRun(job: string, report: JobReport): string {
  const failed = report.failed > 0 ? `, ${report.failed} failed (they will be retried, waiting longer after each failure)` : "";
  const abandoned = report.abandoned > 0 ? `, ${report.abandoned} refused by Slack for good (\`/cadence status\` says how to fix)` : "";
  return `:arrow_forward: Ran ${job} for ${report.week}: ${report.sent} sent, ${report.skipped} already done or not needed${failed}${abandoned}.`;
}

const NOT_ADMIN =
  "only Cadence admins can change the set-up (the users in CADENCE_ADMINS, or workspace admins when it is empty); `/scorecard` and `/issue` are open to everyone";

export function cadenceCommand(services: CadenceServices) {
  return commandListener("/cadence", async ({ command, logger }) => {
    const parsed = parseCadenceCommand(command.text);
    if (parsed.ok && parsed.command.type === "help") return buildHelpReply();
    const now = services.clock();
    // A seat's owner may manage its agent's token; the service checks who may.
    if (parsed.ok && parsed.command.type === "seat.token") return seatToken(services, parsed.command, command.user_id, now);
    if (!(await services.directory.isAdmin(command.user_id, now))) {
      const attempted = parsed.ok ? `cadence.${parsed.command.type}` : "cadence";
      await recordRefusal(services.audit, logger, {
        actor: command.user_id,
        attempted,
        entity: "setup",
        entityId: "cadence",
        reason: "not a Cadence admin",
        at: now,
      });
      return errorReply(NOT_ADMIN);
    }
    if (!parsed.ok) return errorReply(parsed.error);
    return runSetup(services, parsed.command, command.user_id, now);
  });
}

async function seatToken(services: CadenceServices, command: { seat: string; revoke: boolean }, actor: string, now: Date): Promise<Reply> {
  if (command.revoke) {
    const result = await services.seatTokens.revoke(command.seat, actor, now);
    if (!result.ok) return errorReply(result.error);
    return textReply(`:no_entry: Revoked the token of ${seatLabel(result.value)}; its agent can no longer push numbers.`);
  }
  const result = await services.seatTokens.issue(command.seat, actor, now);
  if (!result.ok) return errorReply(result.error);
  const replaced = result.value.rotated ? " The seat's earlier token no longer works." : "";
  // Shown this once, only to the caller (the answer is ephemeral); Cadence keeps only its hash.
  return textReply(
    `:key: API token for ${seatLabel(result.value.seat)} — copy it now, it is not shown again:\n\`${result.value.token}\`\n` +
      `Its agent sends it as \`Authorization: Bearer …\` to \`POST /api/v1/entries\`.${replaced}`,
  );
}

async function runSetup(services: CadenceServices, command: CadenceCommand, actor: string, now: Date): Promise<Reply> {
  const { setup } = services;
  if (isPilotCommand(command)) return runPilotCommand(services, command, actor, now);
  switch (command.type) {
    case "help":
      return buildHelpReply();
    case "seat.list":
      return inRenderTurn(async () => buildSeatListReply(await setup.listSeats()));
    case "kpi.list":
      return inRenderTurn(async () => buildKpiListReply(await setup.listSeats()));
    case "seat.add": {
      const result = await setup.addSeat(command, actor, now);
      if (!result.ok) return errorReply(result.error);
      return textReply(`:white_check_mark: Added seat ${seatLabel(result.value)}, owned by <@${result.value.ownerId}>.`);
    }
    case "seat.owner": {
      const result = await setup.changeOwner(command.seat, command.ownerId, actor, now);
      if (!result.ok) return errorReply(result.error);
      const handed = result.value.reownedIssueIds.length;
      const issues =
        handed === 0 ? "" : ` ${handed === 1 ? "Its open issue now belongs" : `Its ${handed} open issues now belong`} to <@${command.ownerId}> too.`;
      return textReply(
        `:white_check_mark: ${seatLabel(result.value.seat)} is now owned by <@${command.ownerId}> (was <@${result.value.previousOwner}>).${issues}`,
      );
    }
    case "seat.archive": {
      const result = await setup.archiveSeat(command.seat, actor, now);
      if (!result.ok) return errorReply(result.error);
      return textReply(`:file_cabinet: Archived ${seatLabel(result.value)}. Its KPIs are no longer asked for; their history is kept.`);
    }
    case "kpi.add": {
      const result = await setup.addKpi(command, actor, now);
      if (!result.ok) return errorReply(result.error);
      const { seat, kpi } = result.value;
      return textReply(`:white_check_mark: Added KPI *${escapeText(kpi.name)}* to ${seatLabel(seat)}: goal ${formatGoal(kpi.goal, kpi.unit)} (${kpi.unit}).`);
    }
    case "timeOff":
      return runTimeOffCommand(services, command.timeOff, actor, now);
    case "status":
      return buildStatusReply(await services.status.report());
    case "seat.token":
      return seatToken(services, command, actor, now);
    case "run": {
      const report = await services.loop.runNow(command.job, now);
      await services.audit.record({ actor, action: "job.run", entity: "job", entityId: `${command.job}:${report.week}`, after: report, at: now });
      return textReply(describeRun(command.job, report));
    }
  }
}
