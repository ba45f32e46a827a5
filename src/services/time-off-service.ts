// Time off: people away and team holidays, and what they mean for one week of the loop.
import { daysOfWeek, holidayOfWeek, isAwayForWeek, rangeProblem, todayIn, weeksCovered, type TimeOff } from "../domain/away";
import type { IsoWeek } from "../domain/week";
import type { TimeOffRepository } from "../repositories/time-off-repository";
import { done, refused, type Outcome } from "./outcome";
import type { UserDirectory } from "./user-directory";

/** Who is off in one week: the loop skips them (check-in, reminder, `missing` issues) and the digest says so. */
export interface WeekAbsence {
  /** The holidays covering the whole week, when it is a team holiday week. */
  holiday: TimeOff[] | undefined;
  isAway(ownerId: string): boolean;
}

/** The port the loop's services take. */
export interface AbsenceLookup {
  forWeek(week: IsoWeek): Promise<WeekAbsence>;
}

export const NOBODY_AWAY: AbsenceLookup = { forWeek: async () => ({ holiday: undefined, isAway: () => false }) };

export interface TimeOffAdded {
  timeOff: TimeOff;
  /** The whole weeks it covers: the weeks that will not be asked for. */
  weeks: IsoWeek[];
}

export class TimeOffService implements AbsenceLookup {
  constructor(
    private readonly deps: {
      timeOff: Pick<TimeOffRepository, "add" | "overlapping" | "endingOnOrAfter">;
      directory: Pick<UserDirectory, "checkPerson">;
      tz: string;
    },
  ) {}

  async addAway(input: { userId: string; from: string; to: string; note: string | null }, actor: string, now: Date): Promise<Outcome<TimeOffAdded>> {
    const problem = rangeProblem(input.from, input.to);
    if (problem) return refused(problem);
    const person = await this.deps.directory.checkPerson(input.userId, now);
    if (!person.ok) return refused(person.reason);
    return this.add({ ...input }, actor, now);
  }

  async addHoliday(input: { from: string; to: string; name: string | null }, actor: string, now: Date): Promise<Outcome<TimeOffAdded>> {
    const problem = rangeProblem(input.from, input.to);
    if (problem) return refused(problem);
    return this.add({ userId: null, from: input.from, to: input.to, note: input.name }, actor, now);
  }

  private async add(input: Omit<TimeOff, "id">, actor: string, now: Date): Promise<Outcome<TimeOffAdded>> {
    const timeOff = await this.deps.timeOff.add(input, actor, now);
    return done({ timeOff, weeks: weeksCovered(timeOff.from, timeOff.to) });
  }

  /** Time off not over yet on the team's calendar, soonest first. */
  async current(now: Date): Promise<TimeOff[]> {
    return this.deps.timeOff.endingOnOrAfter(todayIn(now, this.deps.tz));
  }

  async forWeek(week: IsoWeek): Promise<WeekAbsence> {
    const days = daysOfWeek(week);
    const ranges = await this.deps.timeOff.overlapping(days[0], days[6]);
    return { holiday: holidayOfWeek(week, ranges), isAway: (ownerId) => isAwayForWeek(ownerId, week, ranges) };
  }
}
