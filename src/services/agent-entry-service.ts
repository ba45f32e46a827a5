// The agent API's work, free of HTTP: who a token is, and an agent's values validated and recorded through
// the same EntryService as every other source (audit log, check-in DM and home refresh included).
import { createHash } from "node:crypto";
import { entriesRequestSchema, type ApiErrorCode, type EntriesAnswer, type EntryInput, type SeatAnswer } from "../domain/api-schemas";
import { evaluateGoal, formatGoal } from "../domain/goal";
import type { Seat } from "../domain/model";
import { formatValue, parseValue } from "../domain/units";
import { isWeek, lastCompletedWeek, trailingWeeks, weekOf } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { IdempotencyRepository } from "../repositories/idempotency-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import type { SeatTokenRepository } from "../repositories/seat-token-repository";
import type { BatchItem, EntryService } from "./entry-service";
import { seatIdOfToken, tokenMatches } from "./seat-tokens";

export type AgentFailure = { ok: false; error: ApiErrorCode; message: string };
export type AgentOutcome<T> = { ok: true; value: T } | AgentFailure;

const fail = (error: ApiErrorCode, message: string): AgentFailure => ({ ok: false, error, message });
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface AgentEntryDeps {
  tokens: Pick<SeatTokenRepository, "hashOf">;
  idempotency: Pick<IdempotencyRepository, "find" | "insertion" | "isKeyTaken">;
  seats: Pick<SeatRepository, "findSeat" | "findKpiInSeat" | "findActiveKpisByName" | "seatsOwnedBy">;
  entries: Pick<EntryService, "recordBatch">;
  history: Pick<EntryRepository, "forWeeks">;
  tz: string;
}

export class AgentEntryService {
  constructor(private readonly deps: AgentEntryDeps) {}

  /** The AI seat a bearer token belongs to. A retired (archived) seat's token is known but refused. */
  async authenticate(token: string | undefined): Promise<AgentOutcome<Seat>> {
    const unauthorized = fail("unauthorized", 'send the seat\'s token as `Authorization: Bearer cad_…`; `/cadence seat token "<seat>"` makes one');
    const seatId = token === undefined ? undefined : seatIdOfToken(token);
    if (token === undefined || seatId === undefined) return unauthorized;
    const hash = await this.deps.tokens.hashOf(seatId);
    if (hash === undefined || !tokenMatches(token, hash)) return unauthorized;
    const seat = await this.deps.seats.findSeat(seatId);
    if (seat?.kind !== "agent") return unauthorized;
    if (seat.archivedAt || seat.stage === "retired") return fail("seat_retired", `"${seat.name}" is retired; it takes no more numbers`);
    // A paused agent is stopped by a person: what it still sends is refused, not recorded as the seat's numbers.
    if (seat.stage === "paused") return fail("seat_retired", `"${seat.name}" is paused; it takes no numbers until it is resumed`);
    return { ok: true, value: seat };
  }

  /**
   * Records the body's entries, all or nothing. A repeated Idempotency-Key with the same body gets the first
   * answer again (`replayed`), with another body a conflict; keys are kept 24 hours. The key is written in the
   * entries' own transaction, so of two requests racing with one key, only one records anything.
   */
  async record(seat: Seat, body: unknown, idempotencyKey: string | undefined, now: Date): Promise<AgentOutcome<{ answer: EntriesAnswer; replayed: boolean }>> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      return fail("invalid_body", `the Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    const bodyHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    if (idempotencyKey !== undefined) {
      const earlier = await this.replay(seat.id, idempotencyKey, bodyHash, now);
      if (earlier) return earlier;
    }
    const items = await this.validate(seat, body, now);
    if (!items.ok) return items;
    const answer: EntriesAnswer = {
      entries: items.value.map((item) => ({
        kpi: item.kpi.name,
        week: item.week,
        value: formatValue(item.value, item.kpi.unit),
        onTrack: evaluateGoal(item.kpi.goal, item.value) === "on",
      })),
    };
    const alsoWrite =
      idempotencyKey === undefined ? undefined : this.deps.idempotency.insertion(seat.id, idempotencyKey, { bodyHash, answer: JSON.stringify(answer) }, now);
    try {
      await this.deps.entries.recordBatch(items.value, { actorId: agentActor(seat), source: "agent", now, alsoWrite });
    } catch (error) {
      if (idempotencyKey === undefined || !this.deps.idempotency.isKeyTaken(error)) throw error;
      // Another request with this key won the race and recorded; this one recorded nothing.
      return (
        (await this.replay(seat.id, idempotencyKey, bodyHash, now)) ??
        fail("idempotency_conflict", "a request with this Idempotency-Key is being handled; retry in a moment")
      );
    }
    return { ok: true, value: { answer, replayed: false } };
  }

  /** The seat, its KPIs with unit and goal, and their last 13 weeks. */
  async describe(seat: Seat, now: Date): Promise<SeatAnswer> {
    const owned = await this.deps.seats.seatsOwnedBy(seat.ownerId);
    const kpis = owned.find((candidate) => candidate.id === seat.id)?.kpis ?? [];
    const weeks = trailingWeeks(lastCompletedWeek(now, this.deps.tz), 13);
    const entries = await this.deps.history.forWeeks(
      kpis.map((kpi) => kpi.id),
      weeks,
    );
    const byKey = new Map(entries.map((entry) => [`${entry.kpiId}:${entry.week}`, entry]));
    return {
      seat: { name: seat.name, kind: "agent", ownerId: seat.ownerId, accountability: seat.accountability, stage: seat.stage ?? "pilot" },
      kpis: kpis.map((kpi) => ({
        name: kpi.name,
        unit: kpi.unit,
        goal: formatGoal(kpi.goal, kpi.unit),
        weeks: weeks.map((week) => {
          const entry = byKey.get(`${kpi.id}:${week}`);
          if (!entry) return { week, value: null, onTrack: null, source: null, confirmed: null };
          const confirmed = entry.source === "agent" ? Boolean(entry.confirmedAt) : null;
          return { week, value: formatValue(entry.value, kpi.unit), onTrack: evaluateGoal(kpi.goal, entry.value) === "on", source: entry.source, confirmed };
        }),
      })),
    };
  }

  private async replay(
    seatId: number,
    key: string,
    bodyHash: string,
    now: Date,
  ): Promise<AgentOutcome<{ answer: EntriesAnswer; replayed: boolean }> | undefined> {
    const earlier = await this.deps.idempotency.find(seatId, key, now);
    if (!earlier) return undefined;
    if (earlier.bodyHash !== bodyHash) return fail("idempotency_conflict", "this Idempotency-Key was used with another body; use a new key for new numbers");
    return { ok: true, value: { answer: JSON.parse(earlier.answer) as EntriesAnswer, replayed: true } };
  }

  /** Every entry checked before anything is written: the first problem found is the answer. */
  private async validate(seat: Seat, body: unknown, now: Date): Promise<AgentOutcome<BatchItem[]>> {
    const parsed = entriesRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      return fail("invalid_body", `${where}${issue.message}; expected {"kpi", "value", "week"?, "note"?} or {"entries": [ … ]} with 1 to 100 of those`);
    }
    const inputs: EntryInput[] = "entries" in parsed.data ? parsed.data.entries : [parsed.data];
    const defaultWeek = lastCompletedWeek(now, this.deps.tz);
    const currentWeek = weekOf(now, this.deps.tz);
    const items: BatchItem[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const kpi = await this.deps.seats.findKpiInSeat(seat.id, input.kpi);
      if (!kpi || kpi.archivedAt) {
        const elsewhere = await this.deps.seats.findActiveKpisByName(input.kpi);
        if (elsewhere.some((match) => match.seat.id !== seat.id))
          return fail("kpi_of_another_seat", `"${input.kpi}" is a KPI of another seat; this token reports only for "${seat.name}"`);
        return fail("kpi_not_found", `"${seat.name}" has no active KPI named "${input.kpi}"; GET /api/v1/seat lists its KPIs`);
      }
      const week = input.week ?? defaultWeek;
      if (!isWeek(week)) return fail("invalid_week", `${week} is not a week of its year`);
      if (week > currentWeek) return fail("future_week", `${week} has not started yet (this week is ${currentWeek})`);
      const value = parseValue(String(input.value), kpi.unit);
      if (!value.ok) return fail("invalid_value", `${kpi.name}: ${value.error}`);
      const key = `${kpi.id}:${week}`;
      if (seen.has(key)) return fail("invalid_body", `${kpi.name} appears twice for ${week}; send one value per KPI and week`);
      seen.add(key);
      items.push({ kpi, seat, value: value.value, week, note: input.note?.trim() || null });
    }
    return { ok: true, value: items };
  }
}

/** Who an agent's entries are by, in the entry and the audit log. */
export function agentActor(seat: Seat): string {
  return `agent:${seat.id}`;
}
