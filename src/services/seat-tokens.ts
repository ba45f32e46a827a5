// AI seats' API tokens: made and revoked by an admin or the seat's owner, shown once, kept only as a hash.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Seat } from "../domain/model";
import type { SeatRepository } from "../repositories/seat-repository";
import type { SeatTokenRepository } from "../repositories/seat-token-repository";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

// `cad_<seat id>_<secret>`: the seat id says which hash to compare against, so the comparison itself can be
// constant-time instead of a lookup by the secret. 32 random bytes make a plain SHA-256 hash safe to store.
const TOKEN_PATTERN = /^cad_(\d{1,10})_([A-Za-z0-9_-]{43})$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(seatId: number): string {
  return `cad_${seatId}_${randomBytes(32).toString("base64url")}`;
}

/** The seat id a token claims to belong to, or undefined when it is not shaped like a Cadence token. */
export function seatIdOfToken(token: string): number | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? Number(match[1]) : undefined;
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export class SeatTokenService {
  constructor(
    private readonly deps: {
      seats: Pick<SeatRepository, "findSeatByName">;
      tokens: Pick<SeatTokenRepository, "replace" | "revoke">;
      directory: Pick<UserDirectory, "isAdmin">;
    },
  ) {}

  /** A new token for the seat, returned once; the seat's earlier token stops working. */
  async issue(seatName: string, actor: string, now: Date): Promise<Outcome<{ seat: Seat; token: string; rotated: boolean }>> {
    const seat = await this.seatFor(seatName, actor, now);
    if (!seat.ok) return seat;
    const token = newToken(seat.value.id);
    const { rotated } = await this.deps.tokens.replace(seat.value.id, hashToken(token), actor, now);
    return done({ seat: seat.value, token, rotated });
  }

  async revoke(seatName: string, actor: string, now: Date): Promise<Outcome<Seat>> {
    const seat = await this.seatFor(seatName, actor, now);
    if (!seat.ok) return seat;
    if (!(await this.deps.tokens.revoke(seat.value.id, actor, now))) return refused(`"${seat.value.name}" has no token to revoke`);
    return done(seat.value);
  }

  private async seatFor(name: string, actor: string, now: Date): Promise<Outcome<Seat>> {
    const seat = await this.deps.seats.findSeatByName(name);
    if (!seat) return refused(`no seat named "${name}"; \`/cadence seat list\` shows the seats`);
    if (actor !== seat.ownerId && !(await this.deps.directory.isAdmin(actor, now))) {
      return refused(`only <@${seat.ownerId}> (owner of "${seat.name}") or a Cadence admin can manage its token`);
    }
    if (seat.kind !== "agent") return refused(`"${seat.name}" is a human seat; only AI seats get API tokens`);
    if (seat.archivedAt) return refused(`"${seat.name}" is archived`);
    return done(seat);
  }
}
