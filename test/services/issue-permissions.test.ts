// Who may resolve, drop or assign an issue, every role against IssueService with in-memory fakes. The signed
// HTTP table (test/e2e/permissions.test.ts) checks each way in (command, button, form) with one allowed and one
// refused role and another workspace; the full role matrix lives here, where the rule does.
import { describe, expect, it } from "vitest";
import type { Issue, Kpi, SeatWithKpis } from "../../src/domain/model";
import type { AuditInput } from "../../src/repositories/audit";
import { IssueService } from "../../src/services/issue-service";
import { recordingLogger } from "./fakes";

type Role = "admin" | "seat owner" | "assignee" | "issue opener" | "member";
const USER: Record<Role, string> = { admin: "UADMIN", "seat owner": "UOWNER", assignee: "UASSIGNEE", "issue opener": "UOPENER", member: "UMEMBER" };
const ROLES = Object.keys(USER) as Role[];
const AT = new Date("2026-11-23T15:00:00Z");

const KPI: Kpi = {
  id: 7,
  seatId: 1,
  name: "Resolution rate",
  unit: "percent",
  goal: { op: ">=", a: 85, b: null },
  archivedAt: null,
  createdAt: new Date("2026-10-01"),
};

function issueOf(kind: "drift" | "manual", seatOwner = USER["seat owner"]): Issue {
  const common = {
    state: "open" as const,
    assigneeId: null,
    closedBy: null,
    closedAt: null,
    resolutionNote: null,
    createdAt: AT,
    channelId: "C1",
    messageTs: "1.1",
  };
  return kind === "drift"
    ? {
        ...common,
        id: 1,
        title: "Resolution rate off track",
        source: "drift",
        kpiId: KPI.id,
        week: "2026-W46",
        ownerId: seatOwner,
        openedBy: "cadence",
        assigneeId: USER.assignee,
        weeks: ["2026-W46"],
      }
    : {
        ...common,
        id: 2,
        title: "Vendor contract renewal",
        source: "manual",
        kpiId: null,
        week: null,
        ownerId: USER["issue opener"],
        openedBy: USER["issue opener"],
        weeks: [],
      };
}

function world(issue: Issue, seatOwner = USER["seat owner"]) {
  const seat: SeatWithKpis = { id: 1, name: "Support triage agent", kind: "agent", accountability: null, ownerId: seatOwner, archivedAt: null, kpis: [KPI] };
  const writes: string[] = [];
  const audit: AuditInput[] = [];
  const service = new IssueService({
    issues: {
      createManual: async () => issue,
      find: async (id) => (id === issue.id ? { ...issue } : undefined),
      listOpen: async () => [issue],
      close: async (_id, change) => (writes.push(`close ${change.state} by ${change.by}`), { ...issue, state: change.state, closedBy: change.by }),
      assign: async (_id, change) => (writes.push(`assign ${change.assigneeId}`), { ...issue, assigneeId: change.assigneeId }),
      setMessage: async () => undefined,
      unpostedOpen: async () => [],
    },
    seats: { listSeats: async () => [seat], findKpi: async (id) => (id === KPI.id ? { kpi: KPI, seat } : undefined) },
    entries: { forWeeks: async () => [] },
    delivery: { deliverOnce: async () => ({ status: "sent", posted: { channel: "C1", ts: "1.1" } }) as never },
    directory: {
      checkPerson: async () => ({ ok: true, tz: "UTC" }),
      isAdmin: async (user) => user === USER.admin,
      isAdminFromCache: async (user) => user === USER.admin,
    },
    slack: { updateMessage: async () => undefined },
    audit: { record: async (input) => void audit.push(input) },
    channel: "C1",
    logger: recordingLogger(),
  });
  return { service, writes, audit };
}

const OPERATIONS = {
  resolve: (service: IssueService, id: number, actor: string) => service.resolve(id, actor, "Retrained the router", AT),
  drop: (service: IssueService, id: number, actor: string) => service.drop(id, actor, null, AT),
  assign: (service: IssueService, id: number, actor: string) => service.assign(id, actor, USER.member, AT),
};

const WORKERS: Record<"drift" | "manual", Role[]> = { drift: ["admin", "seat owner", "assignee"], manual: ["admin", "issue opener"] };

const scenarios = (["drift", "manual"] as const).flatMap((kind) =>
  (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]).flatMap((operation) =>
    ROLES.map((role) => ({ kind, operation, role, allowed: WORKERS[kind].includes(role) })),
  ),
);

describe("who may work an issue", () => {
  it.each(
    scenarios.map(
      (scenario) => [`${scenario.operation} a ${scenario.kind} issue as ${scenario.role} → ${scenario.allowed ? "allowed" : "refused"}`, scenario] as const,
    ),
  )("%s", async (_label, { kind, operation, role, allowed }) => {
    const issue = issueOf(kind);
    const { service, writes, audit } = world(issue);
    const result = await OPERATIONS[operation](service, issue.id, USER[role]);
    if (allowed) {
      expect(result.ok).toBe(true);
      expect(writes).toHaveLength(1);
      return;
    }
    expect(result).toEqual({
      ok: false,
      error: `only the issue's owner (<@${issue.ownerId}>), its assignee, the seat's owner or a Cadence admin can change #${issue.id}`,
    });
    expect(writes, "a refusal writes nothing").toEqual([]);
    expect(audit).toEqual([expect.objectContaining({ actor: USER[role], action: "refused", entity: "issue", entityId: issue.id })]);
  });

  it("leaves a gate issue (a promotion decision) to admins, even for the seat's owner or the one it is assigned to", async () => {
    const gate: Issue = { ...issueOf("manual"), id: 3, title: "Ready for production", source: "gate", ownerId: USER["seat owner"], assigneeId: USER.assignee };
    const { service } = world(gate);
    for (const role of ROLES) expect(await service.mayWork(gate, USER[role], AT), role).toBe(role === "admin");
    expect(await service.mayWorkFromCache(gate, USER["seat owner"])).toBe(false);
  });

  it("follows the seat when it changes hands: the new owner may work its drift issue, the old one no longer", async () => {
    const issue = issueOf("drift", USER["seat owner"]);
    const { service } = world(issue, USER.member);
    expect(await service.mayWork(issue, USER.member, AT)).toBe(true);
    expect(await service.mayWork(issue, USER["seat owner"], AT)).toBe(false);
  });
});
