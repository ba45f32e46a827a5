import { describe, expect, it } from "vitest";
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, parseIssueCommand, parseIssueId, type IssueCommand } from "../../../src/domain/commands/issue-command";

describe("parseIssueCommand: accepted", () => {
  const scenarios: Array<[string, IssueCommand]> = [
    ["", { type: "list" }],
    ["   ", { type: "list" }],
    ["list", { type: "list" }],
    ["LIST", { type: "list" }],
    ["  list  ", { type: "list" }],

    ["add Onboarding emails bounce", { type: "add", title: "Onboarding emails bounce" }],
    ["ADD  spaced   title ", { type: "add", title: "spaced   title" }],
    // Slack escapes `&`, `<` and `>` in command text.
    ["add p95 latency &lt; 200ms &amp; falling", { type: "add", title: "p95 latency < 200ms & falling" }],
    ["add &gt;= 3 refunds", { type: "add", title: ">= 3 refunds" }],
    ["add Ask <@U123|alice> about it", { type: "add", title: "Ask <@U123|alice> about it" }],

    ["resolve 12 shipped the fix", { type: "resolve", id: 12, note: "shipped the fix" }],
    ["resolve #12 shipped the fix", { type: "resolve", id: 12, note: "shipped the fix" }],
    ["Resolve 12   spaced   note  ", { type: "resolve", id: 12, note: "spaced   note" }],
    ["resolve 12 latency &lt; 200ms now", { type: "resolve", id: 12, note: "latency < 200ms now" }],
    // The service insists on a note for resolve; the parser leaves that to it.
    ["resolve 12", { type: "resolve", id: 12, note: null }],
    ["resolve 007 ok", { type: "resolve", id: 7, note: "ok" }],

    ["drop 12", { type: "drop", id: 12, note: null }],
    ["drop #12", { type: "drop", id: 12, note: null }],
    ["DROP #12 duplicate of #9", { type: "drop", id: 12, note: "duplicate of #9" }],
    ["drop 12 &gt; out of scope", { type: "drop", id: 12, note: "> out of scope" }],

    ["assign 12 <@U123|alice>", { type: "assign", id: 12, assigneeId: "U123" }],
    ["assign #12 <@U123>", { type: "assign", id: 12, assigneeId: "U123" }],
    ["ASSIGN 12   <@W0ABC|bob>  ", { type: "assign", id: 12, assigneeId: "W0ABC" }],
  ];

  it.each(scenarios)("%j", (text, command) => {
    expect(parseIssueCommand(text)).toEqual({ ok: true, command });
  });

  it(`accepts a title of exactly ${MAX_TITLE_LENGTH} characters`, () => {
    const title = "t".repeat(MAX_TITLE_LENGTH);
    expect(parseIssueCommand(`add ${title}`)).toEqual({ ok: true, command: { type: "add", title } });
  });

  it("measures the title after decoding Slack's escapes", () => {
    const title = "<".repeat(MAX_TITLE_LENGTH);
    expect(parseIssueCommand(`add ${"&lt;".repeat(MAX_TITLE_LENGTH)}`)).toEqual({ ok: true, command: { type: "add", title } });
  });

  it(`accepts a note of exactly ${MAX_NOTE_LENGTH} characters`, () => {
    const note = "n".repeat(MAX_NOTE_LENGTH);
    expect(parseIssueCommand(`resolve 3 ${note}`)).toEqual({ ok: true, command: { type: "resolve", id: 3, note } });
  });
});

describe("parseIssueCommand: refused", () => {
  const scenarios: Array<[string, string]> = [
    ["add", "the title is missing: expected `/issue add <title>`"],
    ["add    ", "the title is missing: expected `/issue add <title>`"],
    [`add ${"t".repeat(MAX_TITLE_LENGTH + 1)}`, `the title is ${MAX_TITLE_LENGTH + 1} characters; keep it under ${MAX_TITLE_LENGTH}`],

    ["resolve", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve abc fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve 12abc fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve ##12 fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve -1 fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve #0 fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve 000 fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["resolve 1234567890 fixed", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    ["RESOLVE x", "expected `/issue resolve <id> <note>`, with an id like 12 or #12"],
    [`resolve 12 ${"n".repeat(MAX_NOTE_LENGTH + 1)}`, `the note is ${MAX_NOTE_LENGTH + 1} characters; keep it under ${MAX_NOTE_LENGTH}`],

    ["drop", "expected `/issue drop <id> [note]`, with an id like 12 or #12"],
    ["drop twelve", "expected `/issue drop <id> [note]`, with an id like 12 or #12"],
    ["drop 0", "expected `/issue drop <id> [note]`, with an id like 12 or #12"],
    ["assign #0 <@U123>", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    [`drop 12 ${"n".repeat(MAX_NOTE_LENGTH + 1)}`, `the note is ${MAX_NOTE_LENGTH + 1} characters; keep it under ${MAX_NOTE_LENGTH}`],

    ["assign", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign 12", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign <@U123>", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign abc <@U123>", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign 12 alice", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign 12 <@U1> <@U2>", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ["assign 12 <#C1|general>", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    // A typed, escaped mention is text, not a user.
    ["assign 12 &lt;@U123&gt;", "expected `/issue assign <id> @user`, with an id like 12 or #12"],
    ['assign 12 "<@U123>', "expected `/issue assign <id> @user`, with an id like 12 or #12"],
  ];

  it.each(scenarios)("%j", (text, error) => {
    expect(parseIssueCommand(text)).toEqual({ ok: false, error });
  });

  it.each(["close 12", "lists", "help", "#12"])("an unknown verb %j names the verb and the usage", (text) => {
    const parsed = parseIssueCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(new RegExp(`^unknown command \`${text.split(" ")[0]}\`: expected `));
      expect(parsed.error).toContain("`/issue list`, `/issue add <title>`");
    }
  });

  it("cuts a long unknown verb to 30 characters", () => {
    const parsed = parseIssueCommand(`${"x".repeat(100)} 12`);
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^unknown command \`${"x".repeat(30)}\`: expected `)) });
  });
});

describe("parseIssueId", () => {
  it.each([
    ["12", 12],
    ["#12", 12],
    [" #12 ", 12],
    ["1", 1],
    ["999999999", 999_999_999],
  ] as const)("%j → %i", (text, id) => {
    expect(parseIssueId(text)).toBe(id);
  });

  it.each([undefined, "", "#", "abc", "12a", "1.5", "-3", "# 12", "1234567890", "１２"])("%j → undefined", (text) => {
    expect(parseIssueId(text)).toBeUndefined();
  });
});
