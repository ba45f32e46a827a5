// Seats and KPIs: the org chart and its scorecard, set up by admins with `/cadence`.
import type { Goal } from "../domain/goal";
import type { Kpi, Seat, SeatKind, SeatWithKpis } from "../domain/model";
import type { Unit } from "../domain/units";
import type { SeatRepository } from "../repositories/seat-repository";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

/** What follows a hand-over outside the database: the issues' posts, the digest and both owners' home tabs. */
export interface HandOverFollowUp {
  seatHandedOver(change: { previousOwner: string; newOwner: string; reownedIssueIds: number[] }, now: Date): Promise<void>;
}

export class SetupService {
  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "archiveSeat" | "createKpi" | "createSeat" | "findKpiInSeat" | "findSeatByName" | "listSeats" | "setOwner">;
      directory: UserDirectory;
      handOver?: HandOverFollowUp;
    },
  ) {}

  async addSeat(input: { name: string; ownerId: string; kind: SeatKind; accountability: string | null }, actor: string, now: Date): Promise<Outcome<Seat>> {
    const existing = await this.deps.seats.findSeatByName(input.name);
    if (existing) return refused(`a seat named "${existing.name}" already exists${existing.archivedAt ? " (archived)" : ""}; pick another name`);
    const owner = await this.deps.directory.checkPerson(input.ownerId, now);
    if (!owner.ok) return refused(owner.reason);
    return done(await this.deps.seats.createSeat(input, actor, now));
  }

  async listSeats(): Promise<SeatWithKpis[]> {
    return this.deps.seats.listSeats();
  }

  async changeOwner(
    seatName: string,
    ownerId: string,
    actor: string,
    now: Date,
  ): Promise<Outcome<{ seat: Seat; previousOwner: string; reownedIssueIds: number[] }>> {
    const seat = await this.activeSeat(seatName);
    if (!seat.ok) return seat;
    if (seat.value.ownerId === ownerId) return refused(`<@${ownerId}> already owns "${seat.value.name}"`);
    const owner = await this.deps.directory.checkPerson(ownerId, now);
    if (!owner.ok) return refused(owner.reason);
    const { seat: updated, reownedIssueIds } = await this.deps.seats.setOwner(seat.value.id, ownerId, actor, now);
    const previousOwner = seat.value.ownerId;
    await this.deps.handOver?.seatHandedOver({ previousOwner, newOwner: ownerId, reownedIssueIds }, now);
    return done({ seat: updated, previousOwner, reownedIssueIds });
  }

  async archiveSeat(seatName: string, actor: string, now: Date): Promise<Outcome<Seat>> {
    const seat = await this.activeSeat(seatName);
    if (!seat.ok) return seat;
    return done(await this.deps.seats.archiveSeat(seat.value.id, actor, now));
  }

  async addKpi(input: { seat: string; kpi: string; goal: Goal; unit: Unit }, actor: string, now: Date): Promise<Outcome<{ seat: Seat; kpi: Kpi }>> {
    const seat = await this.activeSeat(input.seat);
    if (!seat.ok) return seat;
    const duplicate = await this.deps.seats.findKpiInSeat(seat.value.id, input.kpi);
    if (duplicate) return refused(`"${seat.value.name}" already has a KPI named "${duplicate.name}"; KPI names are unique within a seat`);
    const kpi = await this.deps.seats.createKpi({ seatId: seat.value.id, name: input.kpi, unit: input.unit, goal: input.goal }, actor, now);
    return done({ seat: seat.value, kpi });
  }

  private async activeSeat(name: string): Promise<Outcome<Seat>> {
    const seat = await this.deps.seats.findSeatByName(name);
    if (!seat) return refused(`no seat named "${name}"; \`/cadence seat list\` shows the seats`);
    if (seat.archivedAt) return refused(`"${seat.name}" is archived`);
    return done(seat);
  }
}
