// At start, Cadence checks it was invited to CADENCE_CHANNEL and says how to fix it when it was not.
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN, bootApp, CHANNEL, type BootedApp } from "../support/boot-app";

describe("Cadence not in its channel", () => {
  let app: BootedApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("logs 'invite @Cadence to <#C…>' and tells the admins at start", async () => {
    const warnings: string[] = [];
    app = await bootApp({ botInChannel: false, logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    const hint = await app.slack.waitFor(() => warnings.find((line) => line.includes(`invite @Cadence to <#${CHANNEL}>`)));
    expect(hint).toBeTruthy();
    const dm = await app.slack.waitFor(() => app!.slack.dmsTo(ADMIN)[0]);
    expect(dm.text).toContain(`invite @Cadence to <#${CHANNEL}>`);
  });

  it("says nothing once the bot has been invited", async () => {
    const warnings: string[] = [];
    app = await bootApp({ logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")) } });
    await app.idle();
    expect(app.slack.callsTo("conversations.info")).toHaveLength(1);
    expect(warnings.filter((line) => line.includes("invite @Cadence"))).toEqual([]);
    expect(app.slack.dmsTo(ADMIN)).toEqual([]);
  });
});
