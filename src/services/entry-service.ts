// Recording KPI values, from a form, a DM reply, a command or the home tab: only by the seat's owner or an admin.
import type { Entry, EntrySource, Kpi, Seat } from "../domain/model";
import { excerpt } from "../domain/excerpt";
import { parseValue } from "../domain/units";
import { isWeek, lastCompletedWeek, weekOf, type IsoWeek } from "../domain/week";
import type { EntryRepository } from "../repositories/entry-repository";
import type { SeatRepository } from "../repositories/seat-repository";
import type { Logger } from "@slack/bolt";
import { recordRefusal, type AuditTrail } from "./audit-trail";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

export interface RecordedValues {
  week: IsoWeek;
  /** Owners whose check-in shows these values, to refresh their DM and home. */
  owners: string[];
  entries: { kpi: Kpi; seat: Seat; entry: Entry }[];
}

export type RecordedListener = (recorded: RecordedValues) => Promise<void>;

export class EntryService {
  private readonly listeners: RecordedListener[] = [];

  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "findActiveKpisByName" | "findKpiInSeat" | "findSeatByName" | "seatsOwnedBy">;
      entries: Pick<EntryRepository, "record" | "confirmAgentValues">;
      directory: UserDirectory;
      audit: AuditTrail;
      logger: Logger;
      tz: string;
    },
  ) {}

  /** Called after values are stored (outside the transaction): the check-in DM and home tab refresh from here. */
  onRecorded(listener: RecordedListener): void {
    this.listeners.push(listener);
  }

  /** Whether `actorId` may enter numbers for `ownerId`'s seats; a refusal is noted in the audit log. */
  async mayEnterFor(
    actorId: string,
    ownerId: string,
    now: Date,
    about: { entity: string; entityId: string | number } = { entity: "owner", entityId: ownerId },
  ): Promise<boolean> {
    if (actorId === ownerId || (await this.deps.directory.isAdmin(actorId, now))) return true;
    await recordRefusal(this.deps.audit, this.deps.logger, {
      actor: actorId,
      attempted: "entry.add",
      ...about,
      reason: `numbers of <@${ownerId}>'s seats`,
      at: now,
    });
    return false;
  }

  /** The same from Cadence's cache only (before a modal opens); undefined when the cache cannot tell. */
  async mayEnterForFromCache(actorId: string, ownerId: string): Promise<boolean | undefined> {
    return actorId === ownerId || (await this.deps.directory.isAdminFromCache(actorId));
  }

  /** Values for KPIs of seats owned by `ownerId`, entered by `actorId` (that owner or an admin). */
  async recordForOwner(input: {
    actorId: string;
    ownerId: string;
    week: IsoWeek;
    values: { kpiId: number; value: number }[];
    note: string | null;
    source: EntrySource;
    now: Date;
  }): Promise<Outcome<RecordedValues>> {
    if (!(await this.mayEnterFor(input.actorId, input.ownerId, input.now))) {
      return refused(`only <@${input.ownerId}> (the seats' owner) or a Cadence admin can enter these numbers`);
    }
    const seats = await this.deps.seats.seatsOwnedBy(input.ownerId);
    const kpis = new Map(seats.flatMap((seat) => seat.kpis.map((kpi) => [kpi.id, { kpi, seat }] as const)));
    const foreign = input.values.find((value) => !kpis.has(value.kpiId));
    if (foreign) return refused("one of these KPIs is not on a seat this owner holds any more; reopen the form");
    return done(
      await this.store(
        input.values.map((value) => ({ ...kpis.get(value.kpiId)!, value: value.value })),
        input,
      ),
    );
  }

  /** The Confirm button: the owner (or an admin) vouches for the agent's values of the owner's seats that week. */
  async confirmAgentValues(input: { actorId: string; ownerId: string; week: IsoWeek; now: Date }): Promise<Outcome<number>> {
    if (!(await this.mayEnterFor(input.actorId, input.ownerId, input.now))) {
      return refused(`only <@${input.ownerId}> (the seats' owner) or a Cadence admin can confirm these numbers`);
    }
    const kpiIds = (await this.deps.seats.seatsOwnedBy(input.ownerId)).flatMap((seat) => seat.kpis.map((kpi) => kpi.id));
    const confirmed = await this.deps.entries.confirmAgentValues(kpiIds, input.week, input.actorId, input.now);
    const recorded = { week: input.week, owners: [input.ownerId], entries: [] };
    await this.announce([recorded]);
    return done(confirmed);
  }

  /** `/scorecard set "<kpi>" <value> [week]`. */
  async recordByName(input: { actorId: string; kpiName: string; valueText: string; weekText?: string; now: Date }): Promise<Outcome<RecordedValues>> {
    const found = await this.findKpi(input.kpiName);
    if (!found.ok) return found;
    const { kpi, seat } = found.value;
    const week = input.weekText ? input.weekText.toUpperCase() : lastCompletedWeek(input.now, this.deps.tz);
    if (!isWeek(week)) return refused(`"${input.weekText}" is not an ISO week; write it like 2026-W47`);
    if (week > weekOf(input.now, this.deps.tz)) return refused(`${week} has not started yet`);
    const parsed = parseValue(input.valueText, kpi.unit);
    if (!parsed.ok) return refused(`${kpi.name}: ${parsed.error}`);
    if (!(await this.mayEnterFor(input.actorId, seat.ownerId, input.now, { entity: "kpi", entityId: kpi.id }))) {
      return refused(`only <@${seat.ownerId}> (owner of "${seat.name}") or a Cadence admin can set "${kpi.name}"`);
    }
    return done(await this.store([{ kpi, seat, value: parsed.value }], { actorId: input.actorId, week, note: null, source: "command", now: input.now }));
  }

  /** A KPI by name, or `Seat/KPI` when the same name is used in several seats. */
  async findKpi(name: string): Promise<Outcome<{ kpi: Kpi; seat: Seat }>> {
    const matches = await this.deps.seats.findActiveKpisByName(name);
    if (matches.length === 1) return done(matches[0]);
    if (matches.length > 1) {
      return refused(`"${name}" is a KPI of ${matches.map((match) => `"${match.seat.name}"`).join(" and ")}; write it as "<seat>/${name}"`);
    }
    const slash = name.indexOf("/");
    if (slash > 0) {
      const seat = await this.deps.seats.findSeatByName(name.slice(0, slash).trim());
      const kpi = seat && !seat.archivedAt ? await this.deps.seats.findKpiInSeat(seat.id, name.slice(slash + 1).trim()) : undefined;
      if (seat && kpi && !kpi.archivedAt) return done({ kpi, seat });
    }
    return refused(`no active KPI named "${excerpt(name)}"; \`/cadence kpi list\` shows them`);
  }

  /**
   * Values that may each have their own week and note (the agent API): stored in one transaction, all or
   * nothing, then announced once per week so each week's check-in DM refreshes.
   */
  async recordBatch(
    items: BatchItem[],
    input: { actorId: string; source: EntrySource; now: Date; alsoWrite?: Parameters<EntryRepository["record"]>[1] },
  ): Promise<RecordedValues[]> {
    const recordedPerWeek = await storeBatch(this.deps.entries, items, input);
    await this.announce(recordedPerWeek);
    return recordedPerWeek;
  }

  /** Tells the listeners (check-in DM, home tab) of stored values, whether stored here or by the agent API's thread. */
  async announce(recordedPerWeek: RecordedValues[]): Promise<void> {
    for (const recorded of recordedPerWeek) for (const listener of this.listeners) await listener(recorded);
  }

  private async store(
    items: { kpi: Kpi; seat: Seat; value: number }[],
    input: { actorId: string; week: IsoWeek; note: string | null; source: EntrySource; now: Date },
  ): Promise<RecordedValues> {
    const [recorded] = await this.recordBatch(
      items.map((item) => ({ ...item, week: input.week, note: input.note })),
      input,
    );
    return recorded ?? { week: input.week, owners: [], entries: [] };
  }
}

export interface BatchItem {
  kpi: Kpi;
  seat: Seat;
  value: number;
  week: IsoWeek;
  note: string | null;
}

/** Stores a batch of values in one write and says which were stored for which week and owners. */
export async function storeBatch(
  entries: Pick<EntryRepository, "record">,
  items: BatchItem[],
  input: { actorId: string; source: EntrySource; now: Date; alsoWrite?: Parameters<EntryRepository["record"]>[1] },
): Promise<RecordedValues[]> {
  const stored = items.map(({ kpi, seat, value, week, note }) => ({
    kpi,
    seat,
    entry: { kpiId: kpi.id, week, value, note, source: input.source, enteredBy: input.actorId, enteredAt: input.now },
  }));
  await entries.record(
    stored.map((item) => item.entry),
    input.alsoWrite,
  );
  const weeks = [...new Set(stored.map((item) => item.entry.week))];
  return weeks.map((week) => {
    const ofWeek = stored.filter((item) => item.entry.week === week);
    return { week, owners: [...new Set(ofWeek.map((item) => item.seat.ownerId))], entries: ofWeek };
  });
}
