// The environment, parsed once at start. Nothing else in Cadence reads process.env.
import { z } from "zod";
import { PROJECT_ROOT } from "../db/project-root";
import { databaseProvider } from "../db/database-url";
import { absoluteSqliteUrl, DEFAULT_DATABASE_URL } from "../db/sqlite-url";
import type { LoopSettings } from "../domain/loop-schedule";
import { DEFAULT_REQUIRED_REVIEWS, isReviewKind, REVIEW_KINDS, type ReviewKind } from "../domain/review";
import { minutesIntoWeek, parseDelay, parseWeeklyTime, type WeeklyTime } from "../domain/schedule-spec";

export interface Config {
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  port: number;
  /** The agent API's own port in Socket Mode (in HTTP mode it shares the Slack server's port). */
  apiPort?: number;
  /** `postgres://…`/`postgresql://…`, or a SQLite file, always absolute (`file:/…`): a relative path is taken from the project root. */
  databaseUrl: string;
  channel: string;
  admins: string[];
  tz: string;
  checkinAt: WeeklyTime;
  remindAfterMs: number;
  deadlineAt: WeeklyTime;
  digestAt: WeeklyTime;
  /** The reviews an AI seat needs approved before production (CADENCE_REVIEWS). */
  requiredReviews: ReviewKind[];
}

const HOW_TO_FIX: Record<string, string> = {
  SLACK_BOT_TOKEN: "the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page",
  SLACK_SIGNING_SECRET: "the Signing Secret from your Slack app's Basic Information page (needed in HTTP mode)",
  SLACK_APP_TOKEN: "an app-level token (xapp-…) with connections:write, from Basic Information → App-Level Tokens; unset it for HTTP mode",
  PORT: "a TCP port number such as 3000",
  API_PORT: "a TCP port number such as 3001, for the agent API in Socket Mode",
  DATABASE_URL: "a SQLite file URL such as file:./data/cadence.db, or a PostgreSQL URL such as postgres://user:password@host:5432/cadence",
  CADENCE_CHANNEL: "the id of the channel for issues and the digest (C…): in Slack, open the channel details; the id is at the bottom",
  CADENCE_ADMINS: "comma-separated Slack user ids such as U012AB3CD,U045EF6GH",
  CADENCE_TZ: "an IANA time zone name such as Europe/Berlin or America/New_York",
  CHECKIN_AT: "a weekday and time such as mon 09:00",
  REMIND_AFTER: "a delay such as 4h, 30m or 1h30m",
  DEADLINE_AT: "a weekday and time such as tue 12:00",
  DIGEST_AT: "a weekday and time such as tue 13:00",
  SLACK_API_URL: "an http(s) URL such as https://slack.com/api/",
  CADENCE_REVIEWS: `comma-separated review kinds from ${REVIEW_KINDS.join(", ")}, such as security,privacy,operations`,
};

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const weeklyTime = (fallback: string) =>
  optionalText.transform((value, context) => {
    const parsed = parseWeeklyTime(value ?? fallback);
    if (!parsed) context.addIssue({ code: "custom", message: `"${value}" is not a weekday and time` });
    return parsed as WeeklyTime;
  });

const timeZone = optionalText.transform((value, context) => {
  const tz = value ?? "UTC";
  if (!isTimeZone(tz)) context.addIssue({ code: "custom", message: `"${tz}" is not a known time zone` });
  return tz;
});

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const environmentSchema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({ message: "is required" })
      .trim()
      .regex(/^xoxb-/, "must start with xoxb-"),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith("xapp-"), "must start with xapp-"),
    PORT: optionalText.transform((value, context) => {
      const port = Number(value ?? "3000");
      if (!Number.isInteger(port) || port < 0 || port > 65535) context.addIssue({ code: "custom", message: `"${value}" is not a port` });
      return port;
    }),
    API_PORT: optionalText.transform((value, context) => {
      if (value === undefined) return undefined;
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) context.addIssue({ code: "custom", message: `"${value}" is not a port` });
      return port;
    }),
    DATABASE_URL: optionalText
      .transform((value) => value ?? DEFAULT_DATABASE_URL)
      .refine((value) => databaseProvider(value) !== undefined, "must be a file: URL (SQLite) or a postgres:// or postgresql:// URL")
      .transform((value) => (databaseProvider(value) === "sqlite" ? absoluteSqliteUrl(value, PROJECT_ROOT) : value)),
    CADENCE_CHANNEL: z
      .string({ message: "is required" })
      .trim()
      .regex(/^[CG][A-Z0-9]+$/, "must be a channel id such as C0123456789"),
    CADENCE_ADMINS: optionalText.transform((value, context) => {
      const ids = (value ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
      const bad = ids.filter((id) => !/^[UW][A-Z0-9]+$/.test(id));
      if (bad.length > 0) context.addIssue({ code: "custom", message: `${bad.join(", ")} ${bad.length === 1 ? "is not a user id" : "are not user ids"}` });
      return ids;
    }),
    CADENCE_TZ: timeZone,
    CHECKIN_AT: weeklyTime("mon 09:00"),
    REMIND_AFTER: optionalText.transform((value, context) => {
      const delay = parseDelay(value ?? "4h");
      if (delay === undefined || delay <= 0) context.addIssue({ code: "custom", message: `"${value}" is not a delay` });
      return delay ?? 0;
    }),
    DEADLINE_AT: weeklyTime("tue 12:00"),
    DIGEST_AT: weeklyTime("tue 13:00"),
    SLACK_API_URL: optionalText.refine((value) => value === undefined || /^https?:\/\//.test(value), "must be an http(s) URL"),
    CADENCE_REVIEWS: optionalText.transform((value, context) => {
      const kinds = (value ?? DEFAULT_REQUIRED_REVIEWS.join(","))
        .split(",")
        .map((kind) => kind.trim().toLowerCase())
        .filter(Boolean);
      const bad = kinds.filter((kind) => !isReviewKind(kind));
      if (bad.length > 0)
        context.addIssue({ code: "custom", message: `${bad.join(", ")} ${bad.length === 1 ? "is not a review kind" : "are not review kinds"}` });
      return [...new Set(kinds)] as ReviewKind[];
    }),
  })
  .superRefine((env, context) => {
    if (env.CHECKIN_AT && env.DEADLINE_AT && minutesIntoWeek(env.CHECKIN_AT) >= minutesIntoWeek(env.DEADLINE_AT)) {
      context.addIssue({ code: "custom", path: ["DEADLINE_AT"], message: `must come after CHECKIN_AT (${env.CHECKIN_AT.text})` });
    }
    if (env.DEADLINE_AT && env.DIGEST_AT && minutesIntoWeek(env.DEADLINE_AT) > minutesIntoWeek(env.DIGEST_AT)) {
      context.addIssue({ code: "custom", path: ["DIGEST_AT"], message: `must not come before DEADLINE_AT (${env.DEADLINE_AT.text})` });
    }
  });

function describeProblem(name: string, message: string): string {
  const hint = HOW_TO_FIX[name];
  return `${name} ${message}${hint ? ` — set it to ${hint}` : ""}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cadence cannot start; fix these environment variables:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment or throws a ConfigError that names every bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = environmentSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((issue) => describeProblem(String(issue.path[0] ?? "environment"), issue.message));
  // Checked outside the schema so it is reported together with the other missing variables.
  if (!env.SLACK_APP_TOKEN?.trim() && !env.SLACK_SIGNING_SECRET?.trim()) {
    problems.splice(1, 0, describeProblem("SLACK_SIGNING_SECRET", "is required in HTTP mode (when SLACK_APP_TOKEN is not set)"));
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const parsed = result.data;
  return {
    slack: {
      botToken: parsed.SLACK_BOT_TOKEN,
      signingSecret: parsed.SLACK_SIGNING_SECRET,
      appToken: parsed.SLACK_APP_TOKEN,
      apiUrl: parsed.SLACK_API_URL,
    },
    port: parsed.PORT,
    apiPort: parsed.API_PORT,
    databaseUrl: parsed.DATABASE_URL,
    channel: parsed.CADENCE_CHANNEL,
    admins: parsed.CADENCE_ADMINS,
    tz: parsed.CADENCE_TZ,
    checkinAt: parsed.CHECKIN_AT,
    remindAfterMs: parsed.REMIND_AFTER,
    deadlineAt: parsed.DEADLINE_AT,
    digestAt: parsed.DIGEST_AT,
    requiredReviews: parsed.CADENCE_REVIEWS,
  };
}

/** The weekly loop's times, as the domain's schedule rules take them. */
export function loopSettingsOf(config: Config): LoopSettings {
  return { tz: config.tz, checkinAt: config.checkinAt, remindAfterMs: config.remindAfterMs, deadlineAt: config.deadlineAt, digestAt: config.digestAt };
}
