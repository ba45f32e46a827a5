// The agent API reads a token's seat and KPIs, and the KPIs' kill thresholds, from recent reads. A change made
// through this instance's repositories is seen at once; one made by another instance (another client on the same
// database) within SEAT_DATA_TTL_MS.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { KillThresholdRepository } from "../../src/repositories/kill-threshold-repository";
import { SEAT_DATA_TTL_MS } from "../../src/repositories/seat-data-cache";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { SeatTokenRepository } from "../../src/repositories/seat-token-repository";
import { StageRepository } from "../../src/repositories/stage-repository";
import { freshDatabaseUrl } from "../support/boot-app";

const AT = new Date("2026-11-23T10:00:00Z");
let here: Database;
let elsewhere: Database;
let monotonic = 0;
const clock = () => monotonic;

beforeEach(async () => {
  const url = freshDatabaseUrl();
  here = await openDatabase(url);
  elsewhere = await openDatabase(url);
  monotonic = 0;
});
afterEach(async () => {
  await here.$disconnect();
  await elsewhere.$disconnect();
});

async function agentSeat(db: Database, name = "Triage agent") {
  const seats = new SeatRepository(db);
  const seat = await seats.createSeat({ name, ownerId: "UOWN", kind: "agent", accountability: null }, "UADMIN", AT);
  const kpi = await seats.createKpi({ seatId: seat.id, name: "Tickets", unit: "number", goal: { op: ">=", a: 40, b: null } }, "UADMIN", AT);
  return { ...seat, kpi };
}

describe("SeatTokenRepository.credentialsOf", () => {
  it("answers from a recent read, and sees a change made through this instance at once", async () => {
    const seat = await agentSeat(here);
    const tokens = new SeatTokenRepository(here, clock);
    await tokens.replace(seat.id, "hash-1", "UADMIN", AT);
    expect((await tokens.credentialsOf(seat.id))?.seat.kpis.map((kpi) => kpi.name)).toEqual(["Tickets"]);

    // Written behind the repository's back: the recent read still answers.
    await here.seatToken.update({ where: { seatId: seat.id }, data: { hash: "hash-behind" } });
    expect((await tokens.credentialsOf(seat.id))?.hash).toBe("hash-1");

    await new SeatRepository(here).createKpi({ seatId: seat.id, name: "Resolution", unit: "percent", goal: { op: ">=", a: 85, b: null } }, "UADMIN", AT);
    expect((await tokens.credentialsOf(seat.id))?.seat.kpis.map((kpi) => kpi.name)).toEqual(["Tickets", "Resolution"]);
    await new StageRepository(here).change({ seatId: seat.id, from: "pilot", to: "paused", reason: null, by: "UADMIN", via: "command", at: AT });
    expect((await tokens.credentialsOf(seat.id))?.seat.stage).toBe("paused");
    await tokens.revoke(seat.id, "UADMIN", AT);
    expect(await tokens.credentialsOf(seat.id)).toBeUndefined();
  });

  it("sees another instance's revoke, rotation or pause once the recent read is older than the TTL", async () => {
    const seat = await agentSeat(here);
    const tokens = new SeatTokenRepository(here, clock);
    await tokens.replace(seat.id, "hash-1", "UADMIN", AT);
    await tokens.credentialsOf(seat.id);

    await new SeatTokenRepository(elsewhere).replace(seat.id, "hash-2", "UADMIN", AT);
    await new StageRepository(elsewhere).change({ seatId: seat.id, from: "pilot", to: "paused", reason: null, by: "UADMIN", via: "command", at: AT });
    monotonic += SEAT_DATA_TTL_MS - 1;
    expect((await tokens.credentialsOf(seat.id))?.hash).toBe("hash-1");
    expect((await tokens.credentialsOf(seat.id, { fresh: true }))?.hash).toBe("hash-2");
    await tokens.credentialsOf(seat.id); // read afresh just now: fresh for another TTL

    await new SeatTokenRepository(elsewhere).revoke(seat.id, "UADMIN", AT);
    monotonic += SEAT_DATA_TTL_MS;
    expect(await tokens.credentialsOf(seat.id)).toBeUndefined();
  });

  it("keeps nothing for a seat without a token, so made-up seat ids cannot fill the cache", async () => {
    const seat = await agentSeat(here);
    const tokens = new SeatTokenRepository(here, clock);
    expect(await tokens.credentialsOf(seat.id)).toBeUndefined();
    await new SeatTokenRepository(elsewhere).replace(seat.id, "hash-1", "UADMIN", AT);
    expect((await tokens.credentialsOf(seat.id))?.hash).toBe("hash-1");
  });
});

describe("KillThresholdRepository.recentForKpis", () => {
  it("answers from a recent read; a threshold set here shows at once, one set elsewhere within the TTL", async () => {
    const { kpi } = await agentSeat(here);
    const kills = new KillThresholdRepository(here, clock);
    expect((await kills.recentForKpis([kpi.id])).size).toBe(0);
    await kills.set({ kpiId: kpi.id, op: "<", value: 10 }, "UADMIN", AT);
    expect(await kills.recentForKpis([kpi.id])).toEqual(new Map([[kpi.id, { kpiId: kpi.id, op: "<", value: 10 }]]));

    await new KillThresholdRepository(elsewhere).set({ kpiId: kpi.id, op: "<", value: 20 }, "UADMIN", AT);
    expect((await kills.recentForKpis([kpi.id])).get(kpi.id)?.value).toBe(10);
    monotonic += SEAT_DATA_TTL_MS;
    expect((await kills.recentForKpis([kpi.id])).get(kpi.id)?.value).toBe(20);
  });
});
