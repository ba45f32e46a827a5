// Who may enter a seat's numbers (by `/scorecard set`, the check-in form or its button): the seat's owner and
// admins, every role against EntryService with in-memory fakes; test/e2e/permissions.test.ts checks each way in.
import { describe, expect, it } from "vitest";
import type { AuditInput } from "../../src/repositories/audit";
import type { NewEntry } from "../../src/repositories/entry-repository";
import { EntryService } from "../../src/services/entry-service";
import { recordingLogger } from "./fakes";

const AT = new Date("2026-11-23T15:00:00Z");
const ROLES = { admin: "UADMIN", "seat owner": "UOWNER", assignee: "UASSIGNEE", "issue opener": "UOPENER", member: "UMEMBER" } as const;
const ALLOWED = new Set(["admin", "seat owner"]);

function world() {
  const recorded: NewEntry[] = [];
  const audit: AuditInput[] = [];
  const kpi = {
    id: 7,
    seatId: 1,
    name: "Resolution rate",
    unit: "percent" as const,
    goal: { op: ">=" as const, a: 85, b: null },
    archivedAt: null,
    createdAt: new Date("2026-10-01"),
  };
  const seat = {
    id: 1,
    name: "Support triage agent",
    kind: "agent" as const,
    accountability: null,
    ownerId: ROLES["seat owner"],
    archivedAt: null,
    kpis: [kpi],
  };
  const service = new EntryService({
    seats: { seatsOwnedBy: async (owner: string) => (owner === seat.ownerId ? [seat] : []) } as never,
    entries: { record: async (entries: NewEntry[]) => void recorded.push(...entries) } as never,
    directory: { isAdmin: async (user: string) => user === ROLES.admin } as never,
    audit: { record: async (input) => void audit.push(input) },
    logger: recordingLogger(),
    tz: "UTC",
  });
  return { service, recorded, audit };
}

describe("who may enter a seat's numbers", () => {
  it.each(Object.entries(ROLES))("%s", async (role, userId) => {
    const { service, recorded, audit } = world();
    const result = await service.recordForOwner({
      actorId: userId,
      ownerId: ROLES["seat owner"],
      week: "2026-W47",
      values: [{ kpiId: 7, value: 91 }],
      note: null,
      source: "form",
      now: AT,
    });
    if (ALLOWED.has(role)) {
      expect(result.ok).toBe(true);
      expect(recorded).toEqual([expect.objectContaining({ kpiId: 7, value: 91, enteredBy: userId })]);
      return;
    }
    expect(result).toEqual({ ok: false, error: "only <@UOWNER> (the seats' owner) or a Cadence admin can enter these numbers" });
    expect(recorded, "a refusal writes nothing").toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ actor: userId, action: "refused", entity: "owner", entityId: "UOWNER" })]);
  });
});
