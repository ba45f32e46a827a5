// Time off from slash commands: `/cadence away|holiday …` (admins, checked by the caller) and `/scorecard away …`.
import { todayIn } from "../../../domain/away";
import type { TimeOffCommand } from "../../../domain/commands/time-off-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { errorReply, type Reply } from "../../../messages/reply";
import { buildTimeOffAddedReply, buildTimeOffListReply } from "../../../messages/time-off-blocks";
import { inRenderTurn } from "./command-listener";

export async function runTimeOffCommand(services: CadenceServices, command: TimeOffCommand, actor: string, now: Date): Promise<Reply> {
  const { timeOff } = services;
  switch (command.type) {
    case "away.list":
      return inRenderTurn(async () => buildTimeOffListReply(await timeOff.current(now), todayIn(now, services.config.tz)));
    case "away.add": {
      const result = await timeOff.addAway(command, actor, now);
      return result.ok ? buildTimeOffAddedReply(result.value.timeOff, result.value.weeks) : errorReply(result.error);
    }
    case "holiday.add": {
      const result = await timeOff.addHoliday(command, actor, now);
      return result.ok ? buildTimeOffAddedReply(result.value.timeOff, result.value.weeks) : errorReply(result.error);
    }
  }
}

/** `/scorecard away <from> <to>`: anyone may say they will be away. */
export async function runSelfAway(services: CadenceServices, range: { from: string; to: string }, actor: string, now: Date): Promise<Reply> {
  return runTimeOffCommand(services, { type: "away.add", userId: actor, from: range.from, to: range.to, note: null }, actor, now);
}
