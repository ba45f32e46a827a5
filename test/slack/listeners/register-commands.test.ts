// A command's work after its ack waits until the requests that came with it are acked: registerCommands makes a
// command's ack resolve only then (issue 17: a burst's acks are not spread apart by each other's answers).
import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import type { CadenceServices } from "../../../src/services/cadence-services";
import { registerCommands } from "../../../src/slack/listeners/commands";
import type { CommandArgs } from "../../../src/slack/listeners/commands/command-listener";

/** The one listener registerCommands gives Bolt. */
function registeredListener(afterPendingAcks: () => Promise<void>): (args: CommandArgs) => Promise<void> {
  let listener: ((args: CommandArgs) => Promise<void>) | undefined;
  const app = { command: (_name: RegExp, registered: typeof listener) => void (listener = registered) } as unknown as App;
  registerCommands(app, {} as CadenceServices, afterPendingAcks);
  if (!listener) throw new Error("registerCommands registered no listener");
  return listener;
}

describe("registerCommands", () => {
  it("acks at once and answers only once the other pending acks are done", async () => {
    let othersAcked = () => {};
    const listener = registeredListener(() => new Promise<void>((resolve) => (othersAcked = resolve)));
    const steps: string[] = [];
    const handled = listener({
      // A /scorecard whose text the parser refuses: its answer needs nothing but the response_url.
      command: { command: "/scorecard", text: "set", user_id: "U1" },
      ack: async () => void steps.push("acked"),
      respond: async () => void steps.push("answered"),
      logger: { error: () => undefined },
    } as unknown as CommandArgs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(["acked"]);
    othersAcked();
    await handled;
    expect(steps).toEqual(["acked", "answered"]);
  });
});
