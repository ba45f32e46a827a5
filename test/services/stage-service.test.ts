// StageService with in-memory fakes: one permission check and one rule set for every surface.
import { describe, expect, it } from "vitest";
import type { GateResult } from "../../src/domain/gate";
import type { Seat } from "../../src/domain/model";
import type { SeatStage } from "../../src/domain/stage";
import type { StageChange } from "../../src/repositories/stage-repository";
import type { AuditInput } from "../../src/repositories/audit";
import { StageService } from "../../src/services/stage-service";
import { recordingLogger } from "./fakes";

const NOW = new Date("2026-11-24T10:00:00Z");

function setUp(seat: Seat, options: { kpis?: number; kills?: number; gateReady?: boolean } = {}) {
  const changes: StageChange[] = [];
  const audit: AuditInput[] = [];
  const notified: SeatStage[] = [];
  const seats = new Map([[seat.name.toLowerCase(), seat]]);
  const gate: GateResult = {
    ready: options.gateReady ?? false,
    weeksOnTrack: 1,
    windowWeeks: 4,
    kpiWeeks: { onTrack: 1, total: 4 },
    pendingReviews: [],
    blockers: ["1 of 4 weeks of history"],
  };
  const service = new StageService({
    seats: { findSeatByName: async (name) => seats.get(name.toLowerCase()), findSeat: async () => seat },
    stages: {
      change: async (input) => {
        const change = {
          id: changes.length + 1,
          seatId: input.seatId,
          from: input.from,
          to: input.to,
          reason: input.reason,
          by: input.by,
          via: input.via,
          at: input.at,
        };
        changes.push(change);
        return change;
      },
      history: async () => changes,
    },
    facts: { kpisWithGoal: async () => options.kpis ?? 1, killThresholds: async () => options.kills ?? 1, gateToProduction: async () => gate },
    isAdmin: async (userId) => userId === "UADMIN",
    audit: { record: async (input) => void audit.push(input) },
    logger: recordingLogger(),
  });
  service.onChanged(async ({ change }) => void notified.push(change.to));
  return { service, changes, audit, notified };
}

const agent = (stage: SeatStage): Seat => ({
  id: 7,
  name: "Triage bot",
  kind: "agent",
  accountability: null,
  ownerId: "UOWNER",
  archivedAt: null,
  stage,
  stageSince: null,
});

describe("StageService", () => {
  it("lets the seat's owner pause it from a button, records the change and tells the listeners", async () => {
    const { service, changes, notified } = setUp(agent("production"));
    const result = await service.change({ seat: agent("production"), to: "paused", reason: "kill #3", actorId: "UOWNER", via: "button", now: NOW });
    expect(result.ok).toBe(true);
    expect(changes).toEqual([{ id: 1, seatId: 7, from: "production", to: "paused", reason: "kill #3", by: "UOWNER", via: "button", at: NOW }]);
    expect(notified).toEqual(["paused"]);
  });

  it("refuses the owner any other stage, notes the refusal, and writes nothing", async () => {
    const { service, changes, audit, notified } = setUp(agent("pilot"));
    const result = await service.change({ seat: agent("pilot"), to: "shadow", reason: null, actorId: "UOWNER", via: "button", now: NOW });
    expect(result).toEqual({ ok: false, error: 'only a Cadence admin can move "Triage bot" to shadow' });
    expect(changes).toEqual([]);
    expect(notified).toEqual([]);
    expect(audit.map((row) => row.action)).toEqual(["refused"]);
  });

  it("holds production behind the gate unless the reason is an override", async () => {
    const { service, changes } = setUp(agent("shadow"));
    const refused = await service.changeByName({ seat: "triage bot", to: "production", reason: null, actorId: "UADMIN", via: "command", now: NOW });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining("1 of 4 weeks of history") });
    const overridden = await service.changeByName({
      seat: "triage bot",
      to: "production",
      reason: "override: launch day",
      actorId: "UADMIN",
      via: "command",
      now: NOW,
    });
    expect(overridden.ok).toBe(true);
    expect(changes.map((change) => change.to)).toEqual(["production"]);
  });

  it("promotes through a passing gate without an override", async () => {
    const { service } = setUp(agent("shadow"), { gateReady: true });
    expect((await service.changeByName({ seat: "Triage bot", to: "production", reason: "gate passed", actorId: "UADMIN", via: "button", now: NOW })).ok).toBe(
      true,
    );
  });
});
