// AI seats' stages, pilot → shadow → production (paused or retired from any), and what entering each needs.
export const STAGES = ["pilot", "shadow", "production", "paused", "retired"] as const;
export type SeatStage = (typeof STAGES)[number];

/** Stages in which the seat works: it is asked for numbers and judged. */
export const ACTIVE_STAGES: readonly SeatStage[] = ["pilot", "shadow", "production"];
/** The next stage a gate leads to. */
export const NEXT_STAGE: Partial<Record<SeatStage, SeatStage>> = { pilot: "shadow", shadow: "production" };

export const isStage = (text: string): text is SeatStage => (STAGES as readonly string[]).includes(text);
export const isStopped = (stage: SeatStage | null | undefined): boolean => stage === "paused" || stage === "retired";
export const OVERRIDE_PREFIX = "override:";

export interface StageChangeFacts {
  from: SeatStage | null;
  to: SeatStage;
  reason: string | null;
  kpisWithGoal: number;
  killThresholds: number;
  /** Whether the gate to production passes (only asked when entering production). */
  gatePasses: boolean;
  /** Why the gate does not pass, for the refusal. */
  gateBlockers: string[];
}

/** Whether the change is allowed, or a one-line reason it is not. Pure: the service gathers the facts. */
export function checkStageChange(facts: StageChangeFacts): { ok: true } | { ok: false; error: string } {
  const { from, to } = facts;
  if (from === to) return { ok: false, error: `the seat is already in ${to}` };
  if (from === "retired") return { ok: false, error: "the seat is retired; a retired seat does not come back (add a new seat instead)" };
  if (to === "shadow" || to === "production") {
    const missing = [
      facts.kpisWithGoal === 0 ? "a KPI with a goal" : null,
      facts.killThresholds === 0 ? "a kill threshold (`/cadence kpi kill`)" : null,
    ].filter(Boolean);
    if (missing.length > 0) return { ok: false, error: `entering ${to} needs ${missing.join(" and ")} first` };
  }
  if (to === "production" && !facts.gatePasses && !isOverride(facts.reason)) {
    return {
      ok: false,
      error: `the gate to production does not pass (${facts.gateBlockers.join("; ") || "not ready"}); start the reason with \`${OVERRIDE_PREFIX}\` to promote anyway`,
    };
  }
  return { ok: true };
}

export const isOverride = (reason: string | null): boolean => (reason ?? "").trim().toLowerCase().startsWith(OVERRIDE_PREFIX);

/** Who may change a seat's stage: admins to any stage; the seat's owner may pause it (the human-held stop). */
export function mayChangeStage(actor: { userId: string; isAdmin: boolean }, seatOwnerId: string, to: SeatStage): boolean {
  return actor.isAdmin || (actor.userId === seatOwnerId && to === "paused");
}

/** One line of a seat's stage history: who moved it, when, from, to, why, and from which surface. */
export interface StageChange {
  id: number;
  seatId: number;
  from: SeatStage | null;
  to: SeatStage;
  reason: string | null;
  by: string;
  via: string;
  at: Date;
}
