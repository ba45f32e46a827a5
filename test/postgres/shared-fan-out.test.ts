// The check-in fan-out shared by instances, at the service: DMs recorded as due (here left claimed by an instance
// that died) are sent by whichever instance asks next, one per owner; a DM it does not send is given back, not
// left claimed; asking again sends nothing.
import { afterEach, describe, expect, it } from "vitest";
import { CheckinQueueRepository } from "../../src/repositories/checkin-queue-repository";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";

const WEEK = "2026-W47";
let app: BootedApp | undefined;
afterEach(async () => app?.stop());

describe("the shared check-in fan-out on PostgreSQL", () => {
  it("sends the DMs another instance recorded and claimed before it died, once each, and gives back the ones it cannot send", async () => {
    app = await bootApp({ clock: testClock("2026-11-23T15:00:00Z") });
    const owners = ["UONE", "UTWO", "UTHREE"];
    for (const [index, id] of owners.entries()) {
      app.slack.addUser({ id, name: id.toLowerCase(), tz: "UTC" });
      await app.command("/cadence", `seat add "Seat ${index}" <@${id}> human`);
      await app.command("/cadence", `kpi add "Seat ${index}" "KPI ${index}" >= 10`);
    }
    // An owner whose seat has no KPI: nothing to ask, so the DM is given back.
    app.slack.addUser({ id: "UNOKPI", name: "nokpi", tz: "UTC" });
    await app.command("/cadence", 'seat add "Empty" <@UNOKPI> human');

    const queue = new CheckinQueueRepository(app.cadence.db);
    await queue.enqueue(WEEK, [...owners, "UNOKPI"]);
    // Claimed by an instance that is gone (no heartbeat row at all).
    await app.cadence.db.checkIn.updateMany({ data: { claimedBy: "dead-instance", claimedAt: new Date() } });

    expect(await app.cadence.services.checkins.sendShared(app.clock.now)).toBe(3);
    for (const id of owners) expect(app.slack.dmsTo(id)).toHaveLength(1);
    expect(app.slack.dmsTo("UNOKPI")).toHaveLength(0);
    expect(await queue.countPending([WEEK])).toBe(0);
    expect((await app.cadence.db.checkIn.findMany({ where: { week: WEEK, sentAt: { not: null } } })).map((row) => row.ownerId).sort()).toEqual(
      [...owners].sort(),
    );

    expect(await app.cadence.services.checkins.sendShared(app.clock.now)).toBe(0);
    for (const id of owners) expect(app.slack.dmsTo(id)).toHaveLength(1);
  });
});
