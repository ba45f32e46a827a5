// When the next step of the weekly loop happens after `now`: what the page's clock buttons jump to.
import { checkinTimeFor, deadlineFor, type LoopSettings } from "../../src/domain/loop-schedule";
import { stepTimeFor } from "../../src/domain/schedule-spec";
import { lastCompletedWeek, shiftWeek, type IsoWeek } from "../../src/domain/week";

export type LoopStep = "checkin" | "reminder" | "deadline" | "digest";

/** What the database knows of one owner's check-in for one week. */
export interface CheckinProgress {
  sentAt: Date | null;
  remindedAt: Date | null;
  answeredAt: Date | null;
}

export interface LoopOwner {
  id: string;
  tz: string;
  checkins?: Map<IsoWeek, CheckinProgress>;
}

export interface NextStep {
  step: LoopStep;
  at: Date;
  week: IsoWeek;
  /** Owners concerned (check-in and reminder only): their own local time decides. */
  ownerIds: string[];
}

/** The weeks whose steps may still lie ahead of `now`: the last completed one and the two after it. */
function weeksAround(now: Date, settings: LoopSettings): IsoWeek[] {
  const last = lastCompletedWeek(now, settings.tz);
  return [shiftWeek(last, -1), last, shiftWeek(last, 1), shiftWeek(last, 2)];
}

function earliest(candidates: { at: Date; week: IsoWeek; ownerId?: string }[], step: LoopStep): NextStep | undefined {
  if (candidates.length === 0) return undefined;
  const first = Math.min(...candidates.map((candidate) => candidate.at.getTime()));
  const atFirst = candidates.filter((candidate) => candidate.at.getTime() === first);
  return {
    step,
    at: new Date(first),
    week: atFirst[0]!.week,
    ownerIds: [...new Set(atFirst.flatMap((candidate) => (candidate.ownerId ? [candidate.ownerId] : [])))],
  };
}

/** The next time each step is due, strictly after `now`; undefined when there is no one to ask. */
export function nextLoopSteps(now: Date, settings: LoopSettings, owners: LoopOwner[]): Record<LoopStep, NextStep | undefined> {
  const weeks = weeksAround(now, settings);
  const after = (at: Date) => at.getTime() > now.getTime();
  // A check-in or reminder is only sent before its week's deadline (src/domain/loop-schedule.ts).
  const beforeDeadline = (at: Date, week: IsoWeek) => at < deadlineFor(week, settings);

  const checkins = weeks.flatMap((week) =>
    owners
      .filter((owner) => !owner.checkins?.get(week)?.sentAt)
      .map((owner) => ({ at: checkinTimeFor(week, owner.tz, settings), week, ownerId: owner.id }))
      .filter((candidate) => after(candidate.at) && beforeDeadline(candidate.at, week)),
  );
  const reminders = weeks.flatMap((week) =>
    owners
      // No reminder once the owner answered everything or was already reminded.
      .filter((owner) => !owner.checkins?.get(week)?.remindedAt && !owner.checkins?.get(week)?.answeredAt)
      .map((owner) => {
        // Reminders count from when the DM really went out, which may be later than the check-in time.
        const sent = owner.checkins?.get(week)?.sentAt ?? checkinTimeFor(week, owner.tz, settings);
        return { at: new Date(sent.getTime() + settings.remindAfterMs), week, ownerId: owner.id };
      })
      .filter((candidate) => after(candidate.at) && beforeDeadline(candidate.at, week)),
  );
  const teamStep = (step: "deadlineAt" | "digestAt") =>
    weeks.map((week) => ({ at: stepTimeFor(week, settings[step], settings.tz), week })).filter((candidate) => after(candidate.at));

  return {
    checkin: earliest(checkins, "checkin"),
    reminder: earliest(reminders, "reminder"),
    deadline: earliest(teamStep("deadlineAt"), "deadline"),
    digest: earliest(teamStep("digestAt"), "digest"),
  };
}
