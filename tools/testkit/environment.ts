// The environment a Cadence under test, benchmark or demo starts from: one admin, one channel, a local Slack.
export const ADMIN = "UADMIN";
export const CHANNEL = "C0CADENCE";
export const SIGNING_SECRET = "test-signing-secret";

/** Environment for loadConfig, in this process or for a child (cadence-process.ts). */
export function cadenceEnvironment(slackApiUrl: string, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    CADENCE_CHANNEL: CHANNEL,
    CADENCE_ADMINS: ADMIN,
    SLACK_API_URL: slackApiUrl,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    ...extra,
  };
}

/** The time the app believes it is; tests and benchmarks move it. */
export interface SettableClock {
  now: Date;
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function settableClock(start: string | Date): SettableClock {
  const clock: SettableClock = {
    now: new Date(start),
    set(iso) {
      clock.now = new Date(iso);
    },
    advance(ms) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return clock;
}
