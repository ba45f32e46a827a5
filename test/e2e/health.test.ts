// /healthz proves the database answers, and a failing heartbeat is said out loud.
import { afterEach, describe, expect, it } from "vitest";
import { bootApp, type BootedApp } from "../support/boot-app";
import { eventually } from "../support/eventually";
import { executeElsewhere } from "../support/other-connection";

let app: BootedApp | undefined;
afterEach(async () => app?.stop());

describe("/healthz", () => {
  it("answers 200 with the instance's heartbeat while the database reads, 503 once it cannot, and logs failed heartbeats", async () => {
    const warnings: string[] = [];
    app = await bootApp({ heartbeatMs: 50, logger: { warn: (...args) => warnings.push(args.map(String).join(" ")) } });
    const healthy = await fetch(`${app.cadence.url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ ok: true, scheduler: true, heartbeatAt: expect.any(String) });

    // Another process breaks the database under the running app.
    await executeElsewhere(app.databaseUrl, 'DROP TABLE "Instance"');

    const broken = await fetch(`${app.cadence.url}/healthz`);
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ ok: false });
    await eventually(async () => warnings.some((line) => /heartbeat failed/.test(line)));
  });
});
