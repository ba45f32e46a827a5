// The digest and the owner's home show every AI seat's stage and gate progress. Read seat by seat, that cost
// seven queries per AI seat on every digest; read in bulk, the number of queries does not grow with the seats.
// Real repositories on a SQLite file, counting every statement Prisma sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import type { Seat } from "../../src/domain/model";
import { EntryRepository } from "../../src/repositories/entry-repository";
import { GateIssueRepository } from "../../src/repositories/gate-issue-repository";
import { IssueRepository } from "../../src/repositories/issue-repository";
import { KillThresholdRepository } from "../../src/repositories/kill-threshold-repository";
import { ReviewRepository } from "../../src/repositories/review-repository";
import { SeatRepository } from "../../src/repositories/seat-repository";
import { StageRepository } from "../../src/repositories/stage-repository";
import { GateService } from "../../src/services/gate-service";
import { addSeats } from "../../tools/testkit/team-builder";
import { recordingLogger } from "./fakes";
import { freshDatabaseUrl } from "../support/boot-app";

const NOW = new Date("2026-11-24T13:00:00Z");
let db: Database;
let queries = 0;
let gate: GateService;
let agents: Seat[];

beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl(), { onQuery: () => void (queries += 1) });
  const specs = Array.from({ length: 12 }, (_, index) => ({
    name: `Agent ${index}`,
    ownerId: `UOWN${index}`,
    kind: "agent" as const,
    kpis: [{ name: "Resolution rate", goal: ">= 80" }],
  }));
  agents = await addSeats(db, specs, { at: new Date("2026-09-01T10:00:00Z") });
  await new ReviewRepository(db).set(agents[0]!.id, { kind: "security", state: "approved", note: null, by: "UADMIN", at: NOW });
  gate = new GateService({
    seats: new SeatRepository(db),
    entries: new EntryRepository(db),
    issues: new IssueRepository(db),
    kills: new KillThresholdRepository(db),
    reviews: new ReviewRepository(db),
    stages: new StageRepository(db),
    gateIssues: new GateIssueRepository(db),
    issueService: {
      post: async () => "posted" as const,
      find: async () => undefined,
      resolve: async () => undefined as never,
      drop: async () => undefined as never,
    },
    requiredReviews: ["security"],
    isAdmin: async () => false,
    tz: "UTC",
    logger: recordingLogger(),
  });
});
afterAll(async () => db.$disconnect());

async function queriesOf(work: () => Promise<unknown>): Promise<number> {
  const before = queries;
  await work();
  return queries - before;
}

describe("GateService.progressOfAll", () => {
  it("reads two AI seats' progress and twelve seats' in the same number of queries", async () => {
    const few = await queriesOf(() => gate.progressOfAll(agents.slice(0, 2), NOW));
    const many = await queriesOf(() => gate.progressOfAll(agents, NOW));
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it("gives each seat its own progress, as progressOf does one at a time", async () => {
    const all = await gate.progressOfAll(agents, NOW);
    expect(all.size).toBe(agents.length);
    for (const seat of agents.slice(0, 3)) expect(all.get(seat.id)).toEqual(await gate.progressOf(seat, NOW));
    expect(all.get(agents[0]!.id)!.pendingReviews).toEqual([]);
    expect(all.get(agents[1]!.id)!.pendingReviews).toEqual(["security"]);
  });
});
