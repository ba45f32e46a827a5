// The demo's time: it runs at normal speed from wherever it was last set, and jumps when the page asks.
import { TZDate } from "@date-fns/tz";
import { mondayOf, weekOf } from "../../src/domain/week";

export class DemoClock {
  private base: number;
  private setAt = Date.now();

  constructor(start: Date) {
    this.base = start.getTime();
  }

  /** Pass this to startCadence and the local Slack: both then live in demo time. */
  readonly now = (): Date => new Date(this.base + (Date.now() - this.setAt));

  set(time: Date): void {
    this.base = time.getTime();
    this.setAt = Date.now();
  }
}

/** Monday 07:00 (team time) of the week `now` falls in: before anyone's check-in, so the whole loop is ahead. */
export function demoStartTime(now: Date, tz: string): Date {
  const monday = mondayOf(weekOf(now, tz));
  return new Date(new TZDate(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate(), 7, 0, tz).getTime());
}
