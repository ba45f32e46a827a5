// Hand-written in-memory fakes of the ports services take, and plain settings, for unit tests of services.
import type { Logger } from "@slack/bolt";
import { parseWeeklyTime } from "../../src/domain/schedule-spec";
import type { LoopSettings } from "../../src/domain/loop-schedule";

export function loopSettings(
  overrides: Partial<Record<"tz" | "checkinAt" | "deadlineAt" | "digestAt", string>> & { remindAfterMs?: number } = {},
): LoopSettings {
  return {
    tz: overrides.tz ?? "UTC",
    checkinAt: parseWeeklyTime(overrides.checkinAt ?? "mon 09:00")!,
    remindAfterMs: overrides.remindAfterMs ?? 4 * 3600_000,
    deadlineAt: parseWeeklyTime(overrides.deadlineAt ?? "tue 12:00")!,
    digestAt: parseWeeklyTime(overrides.digestAt ?? "tue 13:00")!,
  };
}

/** A logger that keeps what it was told, so tests can read the warnings. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  return { lines, debug: keep, info: keep, warn: keep, error: keep, setLevel: () => undefined, getLevel: () => "info" as never, setName: () => undefined };
}
