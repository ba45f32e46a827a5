// A slow job started by one admin must not hold up anyone else's answer: only rendering is bounded.
import { describe, expect, it } from "vitest";
import type { CadenceServices } from "../../../src/services/cadence-services";
import { cadenceCommand } from "../../../src/slack/listeners/commands/cadence";
import { scorecardCommand } from "../../../src/slack/listeners/commands/scorecard";
import type { CommandArgs } from "../../../src/slack/listeners/commands/command-listener";
import { ALREADY_POSTED, textReply } from "../../../src/messages/reply";

function commandArgs(text: string, answers: string[]): CommandArgs {
  return {
    command: { text, user_id: "UADMIN" },
    ack: async () => undefined,
    respond: async (message: { text: string }) => void answers.push(message.text),
    logger: { error: () => undefined },
  } as unknown as CommandArgs;
}

describe("commandListener", () => {
  it("answers /scorecard while more /cadence run jobs than render turns are still running", async () => {
    const neverEnding = new Promise<never>(() => undefined);
    const services = {
      clock: () => new Date("2026-11-30T12:00:00Z"),
      directory: { isAdmin: async () => true },
      loop: { runNow: () => neverEnding },
      scorecard: { answerTable: async () => textReply("the scorecard"), history: async (kpi: string) => textReply(`the history of ${kpi}`) },
    } as unknown as CadenceServices;
    const answers: string[] = [];
    const runJob = cadenceCommand(services);
    for (let job = 0; job < 6; job++) void runJob(commandArgs("run checkins", answers));
    await scorecardCommand(services)(commandArgs("", answers));
    await scorecardCommand(services)(commandArgs('"Tickets closed"', answers));
    expect(answers).toEqual(["the scorecard", "the history of Tickets closed"]);
  });

  it("posts nothing more when the work posted the answer to the response_url itself", async () => {
    const services = { clock: () => new Date("2026-11-30T12:00:00Z"), scorecard: { answerTable: async () => ALREADY_POSTED } } as unknown as CadenceServices;
    const answers: string[] = [];
    await scorecardCommand(services)(commandArgs("", answers));
    expect(answers).toEqual([]);
  });
});
