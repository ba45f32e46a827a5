// Which week a DM reply is recorded for, with in-memory fakes of the check-ins and entries.
import { describe, expect, it } from "vitest";
import type { Kpi } from "../../src/domain/model";
import type { IsoWeek } from "../../src/domain/week";
import { DmReplyService } from "../../src/services/dm-reply-service";
import type { CheckinModel } from "../../src/messages/checkin-blocks";
import { buildDmReplyText } from "../../src/messages/dm-reply-text";

const KPI: Kpi = { id: 1, seatId: 1, name: "Tickets", unit: "number", goal: { op: ">=", a: 1, b: null }, archivedAt: null, createdAt: new Date(0) };
// Two check-ins sent to the owner: W46's DM (ts 46.0) and the newer W47's (ts 47.0).
const CHECKIN_TS: Record<string, IsoWeek> = { "46.0": "2026-W46", "47.0": "2026-W47" };

function service() {
  const recorded: { week: IsoWeek; value: number }[] = [];
  const replies = new DmReplyService({
    checkins: {
      latestWeekFor: async () => "2026-W47",
      weekOfThread: async (_owner, threadTs) => CHECKIN_TS[threadTs],
      model: async (ownerId, week): Promise<CheckinModel> => ({
        ownerId,
        week,
        seats: [{ id: 1, name: "Support", kind: "human", accountability: null, ownerId, archivedAt: null, kpis: [KPI] }],
        current: new Map(),
        previous: new Map(),
      }),
    },
    entries: {
      async recordForOwner(input) {
        recorded.push(...input.values.map((value) => ({ week: input.week, value: value.value })));
        const entries = input.values.map((value) => ({
          kpi: KPI,
          seat: { id: 1, name: "Support", kind: "human" as const, accountability: null, ownerId: input.ownerId, archivedAt: null },
          entry: { kpiId: value.kpiId, week: input.week, value: value.value, note: null, source: input.source, enteredBy: input.actorId, enteredAt: input.now },
        }));
        return { ok: true, value: { week: input.week, owners: [input.ownerId], entries } };
      },
    },
  });
  return { replies, recorded };
}

describe("DmReplyService", () => {
  const now = new Date("2026-11-24T09:00:00Z");

  it("records a reply in an older check-in's thread for that check-in's week, and says so", async () => {
    const { replies, recorded } = service();
    const outcome = await replies.answer("U1", "12", now, "46.0");
    expect(recorded).toEqual([{ week: "2026-W46", value: 12 }]);
    expect(buildDmReplyText(outcome)).toContain("Recorded for 2026-W46");
  });

  it("records a top-level reply, or one in a thread that is no check-in's, for the newest check-in", async () => {
    const { replies, recorded } = service();
    await replies.answer("U1", "5", now);
    await replies.answer("U1", "6", now, "99.9");
    expect(recorded).toEqual([
      { week: "2026-W47", value: 5 },
      { week: "2026-W47", value: 6 },
    ]);
  });

  it("names the week even when it could read nothing", async () => {
    const { replies } = service();
    expect(buildDmReplyText(await replies.answer("U1", "Tickets: lots", now, "46.0"))).toContain("for 2026-W46");
  });
});
