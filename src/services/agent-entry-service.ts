// The agent API's work, free of HTTP: who a token is, and an agent's values validated and recorded through
// the same EntryService as every other source (audit log, check-in DM and home refresh included).
import { createHash } from "node:crypto";
import { entriesRequestSchema, type ApiErrorCode, type EntriesAnswer, type EntryInput, type SeatAnswer } from "../domain/api-schemas";
import { evaluateGoal, formatGoal } from "../domain/goal";
import type { Seat, SeatWithKpis } from "../domain/model";
import { formatValue, parseValue } from "../domain/units";
import { isWeek, lastCompletedWeek, trailingWeeks, weekOf } from "../domain/week";
import { nameKey } from "../repositories/seat-repository";
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
  tokens: Pick<SeatTokenRepository, "credentialsOf">;
  idempotency: Pick<IdempotencyRepository, "find" | "insertion" | "isKeyTaken">;
  seats: Pick<SeatRepository, "findActiveKpisByName">;
  entries: Pick<EntryService, "recordBatch">;
  history: Pick<EntryRepository, "forWeeks">;
  tz: string;
}

export class AgentEntryService {
  constructor(private readonly deps: AgentEntryDeps) {}

  /**
   * The AI seat a bearer token belongs to, with its active KPIs. A retired (archived) seat's token is known but
   * refused. The seat comes from a recent read; a token that does not match it is looked up afresh before it is
   * refused, since it may have been made a moment ago on another instance.
   */
  async authenticate(token: string | undefined): Promise<AgentOutcome<SeatWithKpis>> {
    const unauthorized = fail("unauthorized", 'send the seat\'s token as `Authorization: Bearer cad_…`; `/cadence seat token "<seat>"` makes one');
    const seatId = token === undefined ? undefined : seatIdOfToken(token);
    if (token === undefined || seatId === undefined) return unauthorized;
    let credentials = await this.deps.tokens.credentialsOf(seatId);
    if (credentials && !tokenMatches(token, credentials.hash)) credentials = await this.deps.tokens.credentialsOf(seatId, { fresh: true });
    if (!credentials || !tokenMatches(token, credentials.hash)) return unauthorized;
    const { seat } = credentials;
    if (seat.kind !== "agent") return unauthorized;
    if (seat.archivedAt || seat.stage === "retired") return fail("seat_retired", `"${seat.name}" is retired; it takes no more numbers`);
    // A paused agent is stopped by a person: what it still sends is refused, not recorded as the seat's numbers.
    if (seat.stage === "paused") return fail("seat_retired", `"${seat.name}" is paused; it takes no numbers until it is resumed`);
    return { ok: true, value: seat };
  }

  /**
   * Records the body's entries, all or nothing. A repeated Idempotency-Key with the same body gets the first
   * answer again (`replayed`), with another body a conflict; keys are kept 24 hours. The key is written first in
   * the entries' own transaction, so of two requests racing with one key, only one records anything, and a new
   * key costs no look-up of its own: the stored answer is read only when the key turns out to be taken.
   */
  async record(
    seat: SeatWithKpis,
    body: unknown,
    idempotencyKey: string | undefined,
    now: Date,
  ): Promise<AgentOutcome<{ answer: EntriesAnswer; replayed: boolean }>> {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      return fail("invalid_body", `the Idempotency-Key header must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    const bodyHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const items = await this.validate(seat, body, now);
    // A key used before is answered as before, even when this body would be refused.
    if (!items.ok) return (idempotencyKey !== undefined && (await this.replay(seat.id, idempotencyKey, bodyHash, now))) || items;
    const answer: EntriesAnswer = {
      entries: items.value.map((item) => ({
        kpi: item.kpi.name,
        week: item.week,
        value: formatValue(item.value, item.kpi.unit),
        onTrack: evaluateGoal(item.kpi.goal, item.value) === "on",
      })),
    };
    if (idempotencyKey === undefined) {
      await this.deps.entries.recordBatch(items.value, { actorId: agentActor(seat), source: "agent", now });
      return { ok: true, value: { answer, replayed: false } };
    }
    // Twice at most: a key found taken but older than 24 hours is forgotten, and the request then records.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const alsoWrite = this.deps.idempotency.insertion(seat.id, idempotencyKey, { bodyHash, answer: JSON.stringify(answer) }, now);
      try {
        await this.deps.entries.recordBatch(items.value, { actorId: agentActor(seat), source: "agent", now, alsoWrite });
        return { ok: true, value: { answer, replayed: false } };
      } catch (error) {
        if (!this.deps.idempotency.isKeyTaken(error)) throw error;
        // Another request with this key recorded first (now or earlier); this one recorded nothing.
        const earlier = await this.replay(seat.id, idempotencyKey, bodyHash, now);
        if (earlier) return earlier;
      }
    }
    return fail("idempotency_conflict", "a request with this Idempotency-Key is being handled; retry in a moment");
  }

  /** The seat, its KPIs with unit and goal, and their last 13 weeks. */
  async describe(seat: SeatWithKpis, now: Date): Promise<SeatAnswer> {
    const { kpis } = seat;
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
  private async validate(seat: SeatWithKpis, body: unknown, now: Date): Promise<AgentOutcome<BatchItem[]>> {
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
    const kpisByName = new Map(seat.kpis.map((kpi) => [nameKey(kpi.name), kpi]));
    for (const input of inputs) {
      const kpi = kpisByName.get(nameKey(input.kpi));
      if (!kpi) {
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
