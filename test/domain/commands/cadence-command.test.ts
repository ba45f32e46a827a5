import { describe, expect, it } from "vitest";
import { CADENCE_USAGE, parseCadenceCommand, type CadenceCommand } from "../../../src/domain/commands/cadence-command";

describe("parseCadenceCommand: accepted", () => {
  const scenarios: Array<[string, CadenceCommand]> = [
    ["", { type: "help" }],
    ["   ", { type: "help" }],
    ["help", { type: "help" }],
    ["HELP", { type: "help" }],

    [
      'seat add "Support triage agent" <@U123|alice> agent',
      { type: "seat.add", name: "Support triage agent", ownerId: "U123", kind: "agent", accountability: null },
    ],
    [
      'seat add "Support triage agent" <@U123|alice> agent "Answers every ticket within the hour"',
      {
        type: "seat.add",
        name: "Support triage agent",
        ownerId: "U123",
        kind: "agent",
        accountability: "Answers every ticket within the hour",
      },
    ],
    ["seat add Ops <@U1> human", { type: "seat.add", name: "Ops", ownerId: "U1", kind: "human", accountability: null }],
    ["SEAT ADD Ops <@U1> HUMAN", { type: "seat.add", name: "Ops", ownerId: "U1", kind: "human", accountability: null }],
    [
      "seat add “Triage bot” <@U9|bob> agent “Sorts the queue”",
      { type: "seat.add", name: "Triage bot", ownerId: "U9", kind: "agent", accountability: "Sorts the queue" },
    ],
    ['seat add "X" <@U1> agent ""', { type: "seat.add", name: "X", ownerId: "U1", kind: "agent", accountability: null }],
    ['seat add "R&amp;D lead" <@U1> human', { type: "seat.add", name: "R&D lead", ownerId: "U1", kind: "human", accountability: null }],

    ["seat list", { type: "seat.list" }],
    ['seat owner "Support triage agent" <@U2|carol>', { type: "seat.owner", seat: "Support triage agent", ownerId: "U2" }],
    ["seat owner Ops <@U2>", { type: "seat.owner", seat: "Ops", ownerId: "U2" }],
    ['seat archive "Support triage agent"', { type: "seat.archive", seat: "Support triage agent" }],
    ['seat token "Support triage agent"', { type: "seat.token", seat: "Support triage agent", revoke: false }],
    ['seat token "Support triage agent" REVOKE', { type: "seat.token", seat: "Support triage agent", revoke: true }],

    // Slack escapes `<` and `>` in command text (should_escape: true).
    [
      'kpi add "Support triage agent" "First response (min)" &lt;= 30',
      { type: "kpi.add", seat: "Support triage agent", kpi: "First response (min)", goal: { op: "<=", a: 30 }, unit: "number" },
    ],
    ['kpi add "S" "K" &gt;= 10', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 10 }, unit: "number" }],
    ['kpi add "S" "K" >= 10', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 10 }, unit: "number" }],
    ['kpi add "S" "K" &gt;= 95 percent', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 95 }, unit: "percent" }],
    ['kpi add "S" "K" >= 95 %', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 95 }, unit: "percent" }],
    ['kpi add "S" "K" >= 97% percent', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 97 }, unit: "percent" }],
    ['kpi add "S" "K" >= $1,200 currency', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: ">=", a: 1200 }, unit: "currency" }],
    ['kpi add "S" "K" <= 1h 30m duration', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "<=", a: 90 }, unit: "duration" }],
    ['kpi add "S" "K" = yes', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "=", a: 1 }, unit: "yes/no" }],
    ['kpi add "S" "K" = no', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "=", a: 0 }, unit: "yes/no" }],
    ['kpi add "S" "K" = yes yes/no', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "=", a: 1 }, unit: "yes/no" }],
    ['kpi add "S" "K" = 1', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "=", a: 1 }, unit: "number" }],
    ['kpi add "S" "K" between 2 and 4', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "between", a: 2, b: 4 }, unit: "number" }],
    ['kpi add "S" "K" between 2 and 4 currency', { type: "kpi.add", seat: "S", kpi: "K", goal: { op: "between", a: 2, b: 4 }, unit: "currency" }],
    [
      "kpi add Ops “Uptime” between 99 and 100 percent",
      { type: "kpi.add", seat: "Ops", kpi: "Uptime", goal: { op: "between", a: 99, b: 100 }, unit: "percent" },
    ],

    ["kpi list", { type: "kpi.list" }],

    ["run checkins", { type: "run", job: "checkins" }],
    ["run reminders", { type: "run", job: "reminders" }],
    ["run drift", { type: "run", job: "drift" }],
    ["run digest", { type: "run", job: "digest" }],
    ["run DIGEST", { type: "run", job: "digest" }],
    ["status", { type: "status" }],
    ["STATUS", { type: "status" }],
  ];

  it.each(scenarios)("%j", (text, command) => {
    expect(parseCadenceCommand(text)).toEqual({ ok: true, command });
  });
});

describe("parseCadenceCommand: refused", () => {
  const scenarios: Array<[string, string, RegExp | string]> = [
    // Unknown commands and sub-commands.
    ["unknown command", "frobnicate", "unknown command `frobnicate`: expected `seat`, `kpi`, `review`, `run`, `status`, `away`, `holiday` or `help`"],
    ["status with extra words", "status all", "`/cadence status` takes nothing after it"],
    ["a mention in place of a command", "<@U1> seat", /^unknown command `<@U1>`/],
    ["unknown seat sub-command", 'seat remove "X"', "expected `/cadence seat add|list|owner|archive|token|stage|history|gate|webhook …` (try `/cadence help`)"],
    ["seat alone", "seat", "expected `/cadence seat add|list|owner|archive|token|stage|history|gate|webhook …` (try `/cadence help`)"],
    ["unknown kpi sub-command", "kpi remove", "expected `/cadence kpi add|list|kill …` (try `/cadence help`)"],
    ["unknown job", "run backup", `expected ${CADENCE_USAGE.run}`],
    ["run without a job", "run", `expected ${CADENCE_USAGE.run}`],
    ["run with extra words", "run digest now", `expected ${CADENCE_USAGE.run}`],
    ["seat list with extra words", "seat list all", "`/cadence seat list` takes nothing after it"],
    ["kpi list with extra words", "kpi list x", "`/cadence kpi list` takes nothing after it"],

    // Missing quote.
    [
      "missing closing quote",
      'seat add "Support triage agent <@U1> agent',
      /^missing closing quote after "Support triage agent.*; names with spaces go in double quotes, like "Support triage agent"$/,
    ],
    ["missing closing smart quote", "seat archive “Support", /^missing closing quote after “Support/],

    // seat add.
    ["seat add without a name", "seat add", `the seat name is missing: expected ${CADENCE_USAGE.seatAdd}`],
    ["seat add with an empty name", 'seat add "" <@U1> agent', `the seat name is empty: expected ${CADENCE_USAGE.seatAdd}`],
    ["seat add with a mention as name", "seat add <@U1> <@U2> agent", `expected the seat name in quotes, not a mention: ${CADENCE_USAGE.seatAdd}`],
    ["seat add without an owner", 'seat add "X"', `the owner is missing: expected ${CADENCE_USAGE.seatAdd}`],
    ["owner is a channel mention", 'seat add "X" <#C1|general> agent', `\`<#C1|general>\` is not a user mention: expected ${CADENCE_USAGE.seatAdd}`],
    ["owner is plain @text", 'seat add "X" @alice agent', `\`@alice\` is not a user mention: expected ${CADENCE_USAGE.seatAdd}`],
    ["owner is escaped mention-like text", 'seat add "X" &lt;@U1&gt; agent', `\`<@U1>\` is not a user mention: expected ${CADENCE_USAGE.seatAdd}`],
    ["bad kind", 'seat add "X" <@U1> robot', `the seat kind must be \`agent\` or \`human\`: expected ${CADENCE_USAGE.seatAdd}`],
    ["missing kind", 'seat add "X" <@U1>', `the seat kind must be \`agent\` or \`human\`: expected ${CADENCE_USAGE.seatAdd}`],
    ["unquoted accountability", 'seat add "X" <@U1> agent does things', `put the accountability in one pair of quotes: expected ${CADENCE_USAGE.seatAdd}`],
    ["two accountabilities", 'seat add "X" <@U1> agent "a" "b"', `put the accountability in one pair of quotes: expected ${CADENCE_USAGE.seatAdd}`],
    ["name too long", `seat add "${"x".repeat(81)}" <@U1> agent`, "the seat name is longer than 80 characters"],
    ["accountability too long", `seat add "X" <@U1> agent "${"y".repeat(301)}"`, "the accountability is longer than 300 characters"],

    // seat owner / archive.
    ["seat owner without an owner", 'seat owner "X"', `the owner is missing: expected ${CADENCE_USAGE.seatOwner}`],
    ["seat owner with a plain name", 'seat owner "X" carol', `\`carol\` is not a user mention: expected ${CADENCE_USAGE.seatOwner}`],
    ["seat owner with a channel", 'seat owner "X" <#C1>', `\`<#C1>\` is not a user mention: expected ${CADENCE_USAGE.seatOwner}`],
    ["seat owner with extra words", 'seat owner "X" <@U2> extra', `too many words: expected ${CADENCE_USAGE.seatOwner}`],
    ["seat archive without a seat", "seat archive", `the seat name is missing: expected ${CADENCE_USAGE.seatArchive}`],
    ["seat archive with extra words", 'seat archive "X" now', `too many words: expected ${CADENCE_USAGE.seatArchive}`],
    ["seat token without a seat", "seat token", `the seat name is missing: expected ${CADENCE_USAGE.seatToken}`],
    ["seat token with another word", 'seat token "X" rotate', `expected ${CADENCE_USAGE.seatToken}`],
    ["seat token with extra words", 'seat token "X" revoke now', `expected ${CADENCE_USAGE.seatToken}`],

    // kpi add.
    ["kpi add without a KPI name", 'kpi add "S"', `the KPI name is missing: expected ${CADENCE_USAGE.kpiAdd}`],
    ["kpi add without a goal", 'kpi add "S" "K"', `the goal is missing: expected ${CADENCE_USAGE.kpiAdd}`],
    ["kpi add with a mention as seat", 'kpi add <@U1> "K" >= 5', `expected the seat name in quotes, not a mention: ${CADENCE_USAGE.kpiAdd}`],
    ["target not a number", 'kpi add "S" "K" >= abc', `the target "abc" is not a number such as 42 or 3.5; expected ${CADENCE_USAGE.kpiAdd}`],
    ["target not a percentage", 'kpi add "S" "K" >= lots percent', /^the target "lots" is not a percentage/],
    ["target not yes/no", 'kpi add "S" "K" = maybe yes/no', /^the target "maybe" is not yes or no/],
    [
      "between reversed",
      'kpi add "S" "K" between 4 and 2',
      `\`between 4 and 2\`: the lower bound must not exceed the upper bound; expected ${CADENCE_USAGE.kpiAdd}`,
    ],
    ["between without a high bound", 'kpi add "S" "K" between 2 and', /^expected `between <low> and <high>`/],
    ["unknown unit", 'kpi add "S" "K" >= 10 kg', "unknown unit `kg`: expected one of number, percent, currency, duration, yes/no"],
    [
      "unknown unit after between",
      'kpi add "S" "K" between 2 and 4 widgets',
      "unknown unit `widgets`: expected one of number, percent, currency, duration, yes/no",
    ],
    ["unknown operator", 'kpi add "S" "K" > 5', /^expected a goal: /],
  ];

  it.each(scenarios)("%s: %j", (_label, text, error) => {
    const parsed = parseCadenceCommand(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    if (typeof error === "string") expect(parsed.error).toBe(error);
    else expect(parsed.error).toMatch(error);
  });

  it("every error is a single line", () => {
    for (const [, text] of scenarios) {
      const parsed = parseCadenceCommand(text);
      if (!parsed.ok) expect(parsed.error).not.toContain("\n");
    }
  });
});
