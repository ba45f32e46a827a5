// Arbitrary text sent as /cadence, /scorecard and /issue through the real app over signed HTTP: never a crash,
// always exactly one ephemeral answer, and nothing written when the command is refused.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCadenceCommand } from "../../src/domain/commands/cadence-command";
import { parseIssueCommand } from "../../src/domain/commands/issue-command";
import { parseScorecardCommand } from "../../src/domain/commands/scorecard-command";
import { ADMIN, bootApp, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { escapeLikeSlack } from "../../tools/local-slack/signed-requests";

// --- Text people could type ----------------------------------------------------------------------------------

const WORDS = [
  "seat",
  "add",
  "list",
  "owner",
  "archive",
  "kpi",
  "run",
  "checkins",
  "reminders",
  "drift",
  "digest",
  "help",
  "set",
  "resolve",
  "drop",
  "assign",
  "between",
  "and",
  ">=",
  "<=",
  "=",
  "agent",
  "human",
  "percent",
  "currency",
  "duration",
  "yes/no",
  "bananas",
  "42",
  "3.5",
  "-2",
  "1,2,3",
  "97%",
  "$1,200",
  "1h 30m",
  "yes",
  "NaN",
  "1e999",
  "#1",
  "1",
  "#999",
  "2026-W46",
  "2026-W99",
  '"Support triage agent"',
  '"Resolution rate"',
  "Escalations",
  '"Nope"',
  "<@UMEMBER|mia>",
  "<@UOWNER>",
  "<@UNOBODY>",
  "<@u1>",
  "<#C1|general>",
  "&lt;",
  "&amp;",
  "<",
  ">",
  "&",
  '"',
  "“",
  "”",
  "'",
  "\n",
  "x".repeat(300),
];
const anyText = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary", maxLength: 60 }));
const wordy = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 8 })
  .chain((words) => fc.constantFrom(" ", "  ", "\t").map((space) => words.join(space)));

function commandText(prefixes: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: wordy },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...prefixes), wordy).map(([prefix, rest]) => `${prefix} ${rest}`) },
  );
}

// The tests seed "Support triage agent" (owned by UOWNER) and issue #1; prefixes aim at them and at nothing.
const COMMANDS = {
  "/cadence": {
    parse: parseCadenceCommand,
    text: commandText([
      "seat add",
      'seat add "Ops"',
      "seat owner",
      'seat owner "Support triage agent"',
      "seat archive",
      'kpi add "Support triage agent"',
      'kpi add "Support triage agent" "Tickets"',
      "run",
      "seat list",
      "kpi list",
    ]),
    runs: 70,
    // Found by command-parsers.test.ts: the error echoes input with its line break / at any length.
    examples: ['"two\nlines" seat', 'seat owner "Support triage agent" "two\nlines"', "y".repeat(400)],
  },
  "/scorecard": {
    parse: parseScorecardCommand,
    text: commandText(["set", 'set "Resolution rate"', "set Escalations", '"Resolution rate"', "Escalations"]),
    runs: 60,
    examples: ['set "two\nlines"', `set ${"k".repeat(400)}`],
  },
  "/issue": {
    parse: parseIssueCommand,
    text: commandText(["add", "resolve 1", "resolve #1", "drop", "drop #1", "assign 1", "assign #1", "list"]),
    runs: 60,
    examples: [`add ${"t".repeat(201)}`, "resolve #1", "assign #1 <@UNOBODY>"],
  },
} as const;

type CommandName = keyof typeof COMMANDS;
const USERS = [ADMIN, ADMIN, "UOWNER", "UMEMBER"];
const CRASH = /something went wrong/i;

/** What the app receives: Slack's escaping, and UTF-8 on the wire (a lone surrogate arrives as U+FFFD). */
const asReceived = (text: string) => Buffer.from(escapeLikeSlack(text), "utf8").toString("utf8");

// --- The app ----------------------------------------------------------------------------------------------------

let app: BootedApp;

beforeAll(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") });
  app.slack.addUser({ id: "UOWNER", name: "omar", tz: "UTC" });
  app.slack.addUser({ id: "UMEMBER", name: "mia", tz: "UTC" });
  await app.command("/cadence", 'seat add "Support triage agent" <@UOWNER> agent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'kpi add "Support triage agent" "Escalations" <= 10');
  await app.command("/issue", "add Flaky CSV import", "UMEMBER");
  app.clock.set("2026-11-23T15:00:00Z"); // Monday of W48: W47 is the last completed week
});
afterAll(async () => app?.stop());

interface Sent {
  status: number;
  answers: { text: string; response_type?: string }[];
  before: unknown;
  after: unknown;
}

async function send(command: CommandName, text: string, userId: string): Promise<Sent> {
  const before = await snapshotDatabase(app.cadence.db);
  const responseUrl = app.slack.newResponseUrl();
  const answer = await app.client.command({ command, text, userId, responseUrl });
  // An answer may come in the acknowledgement itself (Slack shows it ephemerally) or on the response_url.
  const inAck = typeof answer.body?.text === "string" ? [answer.body] : [];
  // Every answer, a second one included, has been sent once the app is idle.
  await app.idle();
  const after = await snapshotDatabase(app.cadence.db);
  return { status: answer.status, answers: [...inAck, ...app.slack.responses(responseUrl).map((response) => response.body)], before, after };
}

function checkAnswer(command: CommandName, text: string, userId: string, sent: Sent): void {
  const label = `${command} ${JSON.stringify(text).slice(0, 200)} by ${userId}`;
  expect(sent.status, label).toBe(200);
  expect(sent.answers.length, `${label}: number of answers`).toBeGreaterThanOrEqual(1);
  // More than one answer only for a reply split over pages, each marked "(n/m)".
  if (sent.answers.length > 1) for (const part of sent.answers) expect(part.text, `${label}: a second answer`).toMatch(/\(\d+\/\d+\)$/);
  for (const part of sent.answers) {
    expect(part.response_type, label).toBe("ephemeral");
    expect(part.text, `${label}: the app crashed`).not.toMatch(CRASH);
  }
  const [first] = sent.answers;
  const refusedByParser = !COMMANDS[command].parse(asReceived(text)).ok;
  const refused = refusedByParser || first.text.startsWith(":warning:");
  if (refusedByParser) expect(first.text, `${label}: a malformed command is answered with a warning`).toMatch(/^:warning: /);
  if (refused) {
    expect(sent.answers, `${label}: a refusal is one message`).toHaveLength(1);
    expect(first.text, `${label}: a refusal is one line`).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(first.text.length, `${label}: a refusal is short`).toBeLessThanOrEqual(400);
    expect(sent.after, `${label}: a refused command wrote something`).toEqual(sent.before);
  }
}

describe.each(Object.keys(COMMANDS) as CommandName[])("%s with arbitrary text", (command) => {
  it("answers once, never crashes, and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(COMMANDS[command].text, fc.constantFrom(...USERS), async (text, userId) => {
        checkAnswer(command, text, userId, await send(command, text, userId));
      }),
      {
        numRuns: COMMANDS[command].runs,
        interruptAfterTimeLimit: 25_000,
        examples: COMMANDS[command].examples.map((text) => [text, ADMIN] as [string, string]),
      },
    );
    // And it still serves.
    expect((await fetch(`${app.cadence.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
