// Priorities with in-memory fakes: defaults in the team's time zone, who may change one, and the issue that
// going off track opens (once while it is open).
import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/domain/model";
import type { Priority } from "../../src/domain/priority";
import { PriorityService } from "../../src/services/priority-service";

function world(tz = "UTC") {
  const rows: Priority[] = [];
  const issues: Issue[] = [];
  const service = new PriorityService({
    priorities: {
      add: async (input, actor, at) => {
        const row: Priority = { id: rows.length + 1, ...input, state: "open", onTrack: true, note: null, issueId: null, createdBy: actor, createdAt: at };
        rows.push(row);
        return row;
      },
      find: async (id) => rows.find((row) => row.id === id),
      listOpen: async () => rows.filter((row) => row.state === "open"),
      close: async (id, change) => Object.assign(rows.find((row) => row.id === id)!, change),
      setTrack: async (id, change) => Object.assign(rows.find((row) => row.id === id)!, change),
    },
    issues: {
      add: async (title, openedBy, _at, origin) => {
        const issue = { id: issues.length + 1, title, state: "open", source: origin?.source ?? "manual", ownerId: origin?.ownerId ?? openedBy } as Issue;
        issues.push(issue);
        return { ok: true, value: issue };
      },
      find: async (id) => issues.find((issue) => issue.id === id),
    },
    directory: {
      checkPerson: async (userId) => (userId.startsWith("U") ? { ok: true, tz: null } : { ok: false, reason: "not a person" }),
      isAdmin: async (userId) => userId === "UADMIN",
    },
    tz,
  });
  return { service, rows, issues };
}

describe("PriorityService", () => {
  it("defaults to the caller and the end of the quarter on the team's calendar", async () => {
    const { service } = world("Pacific/Auckland");
    // Dec 31 13:00 UTC is already Jan 1 in Auckland: the quarter there is 2027-Q1.
    const added = await service.add({ title: "Launch", ownerId: null, due: null }, "UANA", new Date("2026-12-31T13:00:00Z"));
    expect(added).toMatchObject({ ok: true, value: { ownerId: "UANA", due: "2027-03-31" } });
  });

  it("refuses a due date before today, and writes nothing", async () => {
    const { service, rows } = world();
    const refused = await service.add({ title: "Launch", ownerId: null, due: "2026-11-29" }, "UANA", new Date("2026-11-30T10:00:00Z"));
    expect(refused).toEqual({ ok: false, error: "the due date 2026-11-29 is in the past (today is 2026-11-30)" });
    expect(rows).toEqual([]);
  });

  it("lets only the owner or an admin change a priority", async () => {
    const { service, rows } = world();
    await service.add({ title: "Launch", ownerId: "UBEN", due: null }, "UADMIN", new Date("2026-11-30T10:00:00Z"));
    expect(await service.markDone(1, "UANA", new Date())).toEqual({ ok: false, error: "only P1's owner (<@UBEN>) or a Cadence admin can change it" });
    expect(rows[0].state).toBe("open");
    expect(await service.markDone(1, "UADMIN", new Date())).toMatchObject({ ok: true });
    expect(await service.drop(1, null, "UBEN", new Date())).toEqual({ ok: false, error: "P1 is already done" });
    expect(await service.markDone(7, "UADMIN", new Date())).toEqual({ ok: false, error: "there is no priority P7" });
  });

  it("opens a priority issue when it goes off track, and no second one while that issue is open", async () => {
    const { service, issues } = world();
    await service.add({ title: "Launch", ownerId: null, due: null }, "UANA", new Date("2026-11-30T10:00:00Z"));
    const off = await service.setStatus(1, false, "UANA", new Date());
    expect(off).toMatchObject({ ok: true, value: { priority: { onTrack: false, issueId: 1 }, issue: { id: 1, source: "priority", ownerId: "UANA" } } });
    await service.setStatus(1, true, "UANA", new Date());
    expect(await service.setStatus(1, false, "UANA", new Date())).toMatchObject({ ok: true, value: { issue: undefined } });
    expect(issues).toHaveLength(1);
    issues[0].state = "resolved";
    await service.setStatus(1, true, "UANA", new Date());
    expect(await service.setStatus(1, false, "UANA", new Date())).toMatchObject({ ok: true, value: { issue: { id: 2 }, priority: { issueId: 2 } } });
  });

  it("tells its listeners whose priorities changed (their home tabs refresh), and nobody when it refuses", async () => {
    const { service } = world();
    const owners: string[] = [];
    service.onChanged((ownerId) => owners.push(ownerId));
    const now = new Date("2026-11-30T10:00:00Z");
    await service.add({ title: "Launch", ownerId: "UBEN", due: null }, "UADMIN", now);
    await service.setStatus(1, false, "UBEN", now);
    await service.markDone(1, "UANA", now); // neither the owner nor an admin: refused
    await service.markDone(1, "UBEN", now);
    expect(owners).toEqual(["UBEN", "UBEN", "UBEN"]);
  });
});
