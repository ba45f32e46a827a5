// Quarterly priorities ("rocks"): one owner, a due date on the team's calendar, on or off track.
export type PriorityState = "open" | "done" | "dropped";

export interface Priority {
  id: number;
  title: string;
  ownerId: string;
  /** `YYYY-MM-DD` on the team's calendar. */
  due: string;
  state: PriorityState;
  onTrack: boolean;
  note: string | null;
  /** The `priority` issue opened when it last went off track. */
  issueId: number | null;
  createdBy: string;
  createdAt: Date;
}

/** The last day of the calendar quarter `day` falls in: a priority's default due date. */
export function endOfQuarter(day: string): string {
  const [year, month] = day.split("-").map(Number);
  const lastMonth = Math.ceil(month / 3) * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${String(lastMonth).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

/** `P3` or `3` → 3 (a `T5`-style id for to-dos with prefix `T`); ids start at 1. */
export function parsePrefixedId(text: string | undefined, prefix: string): number | undefined {
  const match = new RegExp(`^${prefix}?(\\d{1,9})$`, "i").exec(text?.trim() ?? "");
  const id = match ? Number(match[1]) : 0;
  return id > 0 ? id : undefined;
}

/** How far the team's priorities are on track: the digest's "Priorities: 7 of 9 on track". */
export function prioritySummary(open: Priority[]): { onTrack: number; total: number; offTrack: Priority[] } {
  const offTrack = open.filter((priority) => !priority.onTrack);
  return { onTrack: open.length - offTrack.length, total: open.length, offTrack };
}
