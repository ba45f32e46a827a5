// Seat tokens: who may make and revoke them, and that only a hash is handed to storage.
import { describe, expect, it } from "vitest";
import type { Seat } from "../../src/domain/model";
import { hashToken, SeatTokenService, seatIdOfToken, tokenMatches } from "../../src/services/seat-tokens";

const NOW = new Date("2026-11-25T10:00:00Z");
const SEATS: Seat[] = [
  { id: 7, name: "Triage agent", kind: "agent", accountability: null, ownerId: "UOWNER", archivedAt: null },
  { id: 8, name: "Finance", kind: "human", accountability: null, ownerId: "UOWNER", archivedAt: null },
  { id: 9, name: "Old agent", kind: "agent", accountability: null, ownerId: "UOWNER", archivedAt: NOW },
];

function build() {
  const stored = new Map<number, string>();
  const service = new SeatTokenService({
    seats: { findSeatByName: async (name) => SEATS.find((seat) => seat.name.toLowerCase() === name.toLowerCase()) },
    tokens: {
      replace: async (seatId, hash) => {
        const rotated = stored.has(seatId);
        stored.set(seatId, hash);
        return { rotated };
      },
      revoke: async (seatId) => stored.delete(seatId),
    },
    directory: { isAdmin: async (userId) => userId === "UADMIN" },
  });
  return { service, stored };
}

describe("SeatTokenService", () => {
  it("makes a cad_ token for the seat's owner, storing only its hash; a second one replaces the first", async () => {
    const { service, stored } = build();
    const first = await service.issue("triage agent", "UOWNER", NOW);
    expect(first).toMatchObject({ ok: true, value: { rotated: false, seat: { id: 7 } } });
    const token = first.ok ? first.value.token : "";
    expect(token).toMatch(/^cad_7_[A-Za-z0-9_-]{43}$/);
    expect(seatIdOfToken(token)).toBe(7);
    expect(stored.get(7)).toBe(hashToken(token));
    expect([...stored.values()].join()).not.toContain(token);

    const second = await service.issue("Triage agent", "UADMIN", NOW);
    expect(second).toMatchObject({ ok: true, value: { rotated: true } });
    expect(tokenMatches(token, stored.get(7)!)).toBe(false);
    expect(tokenMatches(second.ok ? second.value.token : "", stored.get(7)!)).toBe(true);
  });

  it.each([
    ["someone else", "Triage agent", "UMEMBER", /only <@UOWNER> \(owner of "Triage agent"\) or a Cadence admin/],
    ["a human seat", "Finance", "UADMIN", /human seat; only AI seats get API tokens/],
    ["an archived seat", "Old agent", "UADMIN", /is archived/],
    ["no such seat", "Nobody", "UADMIN", /no seat named "Nobody"/],
  ])("refuses %s", async (_name, seatName, actor, error) => {
    const { service, stored } = build();
    const result = await service.issue(seatName, actor, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
    expect(stored.size).toBe(0);
  });

  it("revokes, and says so when there is nothing to revoke", async () => {
    const { service, stored } = build();
    await service.issue("Triage agent", "UOWNER", NOW);
    expect(await service.revoke("Triage agent", "UOWNER", NOW)).toMatchObject({ ok: true });
    expect(stored.size).toBe(0);
    expect(await service.revoke("Triage agent", "UOWNER", NOW)).toEqual({ ok: false, error: '"Triage agent" has no token to revoke' });
    expect(await service.revoke("Triage agent", "UMEMBER", NOW)).toMatchObject({ ok: false });
  });
});
