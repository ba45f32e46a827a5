// An owner's reply in the check-in DM: read against their KPIs for the week it answers, and recorded. A reply
// in a check-in's thread answers that check-in's week; a top-level reply, the newest check-in sent.
import { decodeSlackEntities } from "../domain/command-tokens";
import { parseCheckinReply, replySizeProblem } from "../domain/reply-parse";
import type { DmReplyOutcome } from "../messages/dm-reply-text";
import type { CheckinService } from "./checkin-service";
import type { EntryService } from "./entry-service";

export class DmReplyService {
  constructor(
    private readonly deps: {
      checkins: Pick<CheckinService, "latestWeekFor" | "weekOfThread" | "model">;
      entries: Pick<EntryService, "recordForOwner">;
    },
  ) {}

  /** `threadTs`: the thread the reply was written in, if any. */
  async answer(userId: string, text: string, now: Date, threadTs?: string): Promise<DmReplyOutcome> {
    // A thread that is not a check-in's (one on Cadence's own answer) is read like a top-level reply.
    const week = (threadTs && (await this.deps.checkins.weekOfThread(userId, threadTs))) || (await this.deps.checkins.latestWeekFor(userId));
    if (!week) return { kind: "no-checkin" };
    const model = await this.deps.checkins.model(userId, week);
    const kpis = model.seats.flatMap((seat) => seat.kpis);
    if (kpis.length === 0) return { kind: "no-kpis" };
    const tooBig = replySizeProblem(text);
    if (tooBig) return { kind: "refused", reason: `${tooBig}; nothing was recorded` };
    // Slack escapes &, < and > in message text; KPI names are stored as typed ("R&D hours").
    // Unnamed lines answer what the DM asks for: the KPIs the agent did not report (named lines may correct those).
    const asked = kpis.filter((kpi) => model.current.get(kpi.id)?.source !== "agent");
    const parsed = parseCheckinReply(decodeSlackEntities(text), kpis, asked.length > 0 ? asked : kpis);
    if (parsed.values.length === 0) return { kind: "read", week, recorded: [], problems: parsed.problems, kpis };
    const result = await this.deps.entries.recordForOwner({
      actorId: userId,
      ownerId: userId,
      week,
      values: parsed.values,
      note: parsed.note,
      source: "dm",
      now,
    });
    if (!result.ok) return { kind: "refused", reason: result.error };
    return { kind: "read", week, recorded: result.value.entries, problems: parsed.problems, kpis };
  }
}
