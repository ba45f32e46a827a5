// Property tests for the slash-command parsers: whatever text Slack delivers, each parser answers a command or
// a one-line error that fits in a Slack message, and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSlackEntities, tokenize } from "../../src/domain/command-tokens";
import { parseCadenceCommand } from "../../src/domain/commands/cadence-command";
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, parseIssueCommand } from "../../src/domain/commands/issue-command";
import { parseScorecardCommand } from "../../src/domain/commands/scorecard-command";

// --- What people (and Slack) can send ------------------------------------------------------------------------

/** Every kind of string fast-check makes: ASCII, full Unicode, graphemes, lone surrogates. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "grapheme-composite" }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "binary-ascii", maxLength: 400 }),
);

const COMMAND_WORDS = [
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
  "robot",
  "number",
  "percent",
  "currency",
  "duration",
  "yes/no",
  "count",
  "pct",
  "%",
  "bananas",
  "note",
  "SEAT",
  "Add",
  "Resolve",
];
const VALUES = [
  "42",
  "3.5",
  "-2",
  "0",
  "1,234",
  "1,2,3",
  "97%",
  "$1,200.50",
  "€5",
  "1h",
  "30m",
  "1h 30m",
  "1:30",
  "1.5h",
  "yes",
  "no",
  "NaN",
  "Infinity",
  "1e999",
  "#12",
  "12",
  "#0",
  "999999999",
  "1234567890",
  "2026-W47",
  "2026-W53",
  "2026-w1",
  "1999-W99",
];
const MARKUP = [
  "<@U1|x>",
  "<@UOWNER>",
  "<@UADMIN|ada>",
  "<@UMEMBER|mia>",
  "<@W123ABC|bob>",
  "<@u1>",
  "<@>",
  "<@U1|>",
  "<#C1|general>",
  "<!here>",
  "<https://example.com|link>",
  "<@U1|x",
  "@U1",
  "<",
  ">",
  "<@",
];
const ENTITIES = ["&lt;", "&gt;", "&amp;", "&amp;lt;", "&lt;=", "&gt;=", "&lt;@U1&gt;", "&", "&#60;", "&quot;"];
const QUOTES = ['"', "“", "”", "„", "'", "«"];
const SPACES = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", ""];

const quotedName = fc
  .tuple(
    fc.constantFrom(...QUOTES),
    fc.oneof(fc.constantFrom("Support triage agent", "Resolution rate", "", " ", "two\nlines"), fc.string({ maxLength: 20 })),
    fc.constantFrom(...QUOTES, ""),
  )
  .map(([open, inner, close]) => `${open}${inner}${close}`);

const piece = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...COMMAND_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom(...ENTITIES) },
  { weight: 2, arbitrary: quotedName },
  { weight: 1, arbitrary: fc.constantFrom(...QUOTES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(500), "é".repeat(90), "🙂".repeat(50)) },
);

/** Command words, values, mentions, entities and quotes joined by assorted whitespace. */
const commandLike = fc
  .array(fc.tuple(piece, fc.constantFrom(...SPACES)), { maxLength: 12 })
  .map((parts) => parts.map(([text, space]) => text + space).join(""));

/** Text that starts like a real command, then goes anywhere; or any text at all. */
function commandText(prefixes: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: anyText },
    { weight: 2, arbitrary: commandLike },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...prefixes), fc.constantFrom(" ", "  ", "\t", "\n"), commandLike)
        .map(([prefix, space, rest]) => prefix + space + rest),
    },
  );
}

const CADENCE_PREFIXES = [
  "seat add",
  "seat list",
  "seat owner",
  "seat archive",
  "kpi add",
  "kpi list",
  "run",
  "help",
  'seat add "Ops" <@UMEMBER|mia>',
  'seat add "Ops" <@UMEMBER|mia> agent',
  'seat owner "Ops"',
  'kpi add "Support triage agent"',
  'kpi add "Support triage agent" "Tickets"',
  'kpi add "Support triage agent" "Tickets" between',
];
const SCORECARD_PREFIXES = ["set", 'set "Resolution rate"', "set Escalations", '"Resolution rate"', "SET"];
const ISSUE_PREFIXES = ["add", "list", "resolve", "resolve #1", "resolve #0", "drop", "drop 1", "drop 0", "assign", "assign #1", "assign 1 <@UMEMBER|mia>"];

// --- What every answer must be --------------------------------------------------------------------------------

const MAX_ERROR_LENGTH = 300;
// Shrinking a long failing text can take minutes; stop after a few seconds with the counterexample shrunk so far.
const RUNS = { numRuns: 2000, interruptAfterTimeLimit: 4_000 };

type Outcome = { ok: true } | { ok: false; error: string };

/** A refusal is shown as one line in Slack: no line breaks, not empty, not a wall of text. */
function expectOkOrOneLineError(result: Outcome, input: string): void {
  if (result.ok) return;
  expect(typeof result.error, JSON.stringify(input)).toBe("string");
  expect(result.error.trim(), JSON.stringify(input)).not.toBe("");
  expect(result.error, `an error for ${JSON.stringify(input)} spans lines`).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(result.error.length, `the error for ${JSON.stringify(input).slice(0, 80)} is ${result.error.length} characters`).toBeLessThanOrEqual(MAX_ERROR_LENGTH);
}

// --- The tokenizer --------------------------------------------------------------------------------------------

describe("tokenize", () => {
  const text = fc.oneof(anyText, commandLike);

  it("never throws, and an error is one short line", () => {
    fc.assert(
      fc.property(text, (raw) => expectOkOrOneLineError(tokenize(raw), raw)),
      { ...RUNS, examples: [['seat add "two\nlines']] },
    );
  });

  it("gives tokens with no surrounding whitespace; bare words contain none at all", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const result = tokenize(raw);
        if (!result.ok) return;
        for (const token of result.tokens) {
          if (token.kind === "word") {
            expect(token.text).not.toBe("");
            // Bare words are split on whitespace before entities are decoded, so only decoding can add none.
            expect(token.text).not.toMatch(/\s/);
          } else {
            expect(token.text).toBe(token.text.trim());
          }
          if (token.kind === "user") expect(token.userId).toMatch(/^[A-Z0-9]+$/);
        }
      }),
      RUNS,
    );
  });

  it("is not fooled by typed (escaped) mention markup: only Slack's own markup becomes a mention", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,11}$/), (id) => {
        const typed = tokenize(`&lt;@${id}&gt;`);
        expect(typed.ok && typed.tokens.every((token) => token.kind === "word")).toBe(true);
        const real = tokenize(`<@${id}|name>`);
        expect(real.ok && real.tokens).toEqual([{ kind: "user", text: `<@${id}|name>`, userId: id }]);
      }),
    );
  });

  it("reads a closed quoted name back as it was written (after Slack's escaping)", () => {
    const name = fc.string({ maxLength: 40 }).filter((inner) => !/["“”„]/.test(inner));
    fc.assert(
      fc.property(name, (inner) => {
        const escaped = inner.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        const result = tokenize(`"${escaped}"`);
        expect(result).toEqual({ ok: true, tokens: [{ kind: "quoted", text: inner.trim() }] });
      }),
      RUNS,
    );
  });

  it("decodes entities as the inverse of Slack's escaping", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(decodeSlackEntities(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"))).toBe(text);
      }),
      RUNS,
    );
  });
});

// --- The three command parsers -------------------------------------------------------------------------------

describe("parseCadenceCommand", () => {
  it("never throws; answers a command or a one-line error under 300 characters", () => {
    const examples: [string][] = [
      ["x".repeat(500)], // an unknown word is echoed whole
      ['"two\nlines" seat'], // a quoted first word with a line break
      ['seat owner "Ops" "two\nlines"'], // a non-mention owner is echoed whole
      ['kpi add "Ops" "Tickets" >= "lots\nof"'], // the target is echoed with its line break
      [`kpi add "Ops" "Tickets" >= 5 ${"z".repeat(400)}`], // an unknown unit is echoed whole
    ];
    fc.assert(
      fc.property(commandText(CADENCE_PREFIXES), (text) => expectOkOrOneLineError(parseCadenceCommand(text), text)),
      { ...RUNS, examples },
    );
  });

  it("parses only names within their limits, and owners that are user mentions", () => {
    fc.assert(
      fc.property(commandText(CADENCE_PREFIXES), (text) => {
        const result = parseCadenceCommand(text);
        if (!result.ok) return;
        const command = result.command;
        if (command.type === "seat.add") {
          expect(command.name.length).toBeGreaterThan(0);
          expect(command.name.length).toBeLessThanOrEqual(80);
          expect(command.ownerId).toMatch(/^[A-Z0-9]+$/);
          expect(["agent", "human"]).toContain(command.kind);
          if (command.accountability !== null) expect(command.accountability.length).toBeLessThanOrEqual(300);
        }
        if (command.type === "kpi.add") {
          expect(Number.isFinite(command.goal.a)).toBe(true);
          if (command.goal.op === "between") expect(command.goal.a).toBeLessThanOrEqual(command.goal.b!);
        }
      }),
      RUNS,
    );
  });
});

describe("parseScorecardCommand", () => {
  it("never throws; answers a command or a one-line error under 300 characters", () => {
    const examples: [string][] = [['set "two\nlines"'], [`set ${"k".repeat(400)}`]];
    fc.assert(
      fc.property(commandText(SCORECARD_PREFIXES), (text) => expectOkOrOneLineError(parseScorecardCommand(text), text)),
      { ...RUNS, examples },
    );
  });

  // An empty value (`set "KPI" ""`) may parse; the entry service refuses it with "a value is required".
  it("a parsed `set` names a KPI, and a week only in ISO form", () => {
    fc.assert(
      fc.property(commandText(SCORECARD_PREFIXES), (text) => {
        const result = parseScorecardCommand(text);
        if (result.ok && result.command.type === "set") {
          expect(typeof result.command.kpi).toBe("string");
          if (result.command.week !== undefined) expect(result.command.week).toMatch(/^\d{4}-W\d{1,2}$/i);
        }
      }),
      RUNS,
    );
  });
});

describe("parseIssueCommand", () => {
  it("never throws; answers a command or a one-line error under 300 characters", () => {
    fc.assert(
      fc.property(commandText(ISSUE_PREFIXES), (text) => expectOkOrOneLineError(parseIssueCommand(text), text)),
      RUNS,
    );
  });

  it("keeps titles and notes within their limits, and ids positive integers", () => {
    fc.assert(
      fc.property(commandText(ISSUE_PREFIXES), (text) => {
        const result = parseIssueCommand(text);
        if (!result.ok) return;
        const command = result.command;
        if (command.type === "add") {
          expect(command.title.trim()).not.toBe("");
          expect(command.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
        }
        if (command.type === "resolve" || command.type === "drop" || command.type === "assign") {
          expect(Number.isSafeInteger(command.id)).toBe(true);
          expect(command.id).toBeGreaterThan(0);
        }
        if ((command.type === "resolve" || command.type === "drop") && command.note !== null) expect(command.note.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
      }),
      RUNS,
    );
  });

  it("refuses any title over the limit in one line, whatever its content", () => {
    const long = fc.string({ minLength: MAX_TITLE_LENGTH + 1, maxLength: 3000 }).filter((title) => title.trim().length > MAX_TITLE_LENGTH);
    fc.assert(
      fc.property(long, (title) => {
        const result = parseIssueCommand(`add ${title}`);
        expect(result.ok).toBe(false);
        expectOkOrOneLineError(result, title);
      }),
      { numRuns: 200, interruptAfterTimeLimit: 4_000 },
    );
  });
});
