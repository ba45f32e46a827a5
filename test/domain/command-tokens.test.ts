import { describe, expect, it } from "vitest";
import { decodeSlackEntities, tokenize, type Token } from "../../src/domain/command-tokens";

const word = (text: string): Token => ({ kind: "word", text });
const quoted = (text: string): Token => ({ kind: "quoted", text });
const user = (text: string, userId: string): Token => ({ kind: "user", text, userId });
const channel = (text: string, channelId: string): Token => ({ kind: "channel", text, channelId });

describe("tokenize", () => {
  const scenarios: Array<[string, string, Token[]]> = [
    ["empty text", "", []],
    ["only spaces", "   ", []],
    ["plain words", "seat list", [word("seat"), word("list")]],
    ["runs of whitespace and tabs", "  seat \t list  ", [word("seat"), word("list")]],
    ["a quoted name with spaces", 'seat archive "Support triage agent"', [word("seat"), word("archive"), quoted("Support triage agent")]],
    ["quoted text is trimmed", '"  padded  "', [quoted("padded")]],
    ["an empty quoted string", '"" x', [quoted(""), word("x")]],
    ["smart quotes “…”", "“Support triage agent” here", [quoted("Support triage agent"), word("here")]],
    ["smart quotes „…“", "„Low quote“", [quoted("Low quote")]],
    ["smart quotes ”…”", "”Same quote”", [quoted("Same quote")]],
    ["a quote inside a word stays in the word", 'a"b"c', [word('a"b"c')]],
    ["user mention with name", "<@U123|name>", [user("<@U123|name>", "U123")]],
    ["user mention without name", "<@U123>", [user("<@U123>", "U123")]],
    ["enterprise user id", "<@W123ABC|bob>", [user("<@W123ABC|bob>", "W123ABC")]],
    ["channel mention", "<#C1|chan>", [channel("<#C1|chan>", "C1")]],
    ["channel mention without name", "<#C0123>", [channel("<#C0123>", "C0123")]],
    ["mentions among words", 'seat add "Ops" <@U123|alice> human', [word("seat"), word("add"), quoted("Ops"), user("<@U123|alice>", "U123"), word("human")]],
    ["mention followed by a word", "<@U123|name> tail", [user("<@U123|name>", "U123"), word("tail")]],
    ["&lt;= decoded to <=", "&lt;= 30", [word("<="), word("30")]],
    ["&gt;= decoded to >=", "&gt;= 95", [word(">="), word("95")]],
    ["&amp; decoded to &", "R&amp;D", [word("R&D")]],
    ["entities decoded inside quotes", '"a &lt; b &amp; c"', [quoted("a < b & c")]],
    // A typed (escaped) "<@U1>" is text, not a real mention: it must not become a user token.
    ["escaped mention-like text stays a word", "&lt;@U1&gt;", [word("<@U1>")]],
    ["lower-case ids are not Slack markup", "<@u123>", [word("<@u123>")]],
    ["special mentions are words", "<!here>", [word("<!here>")]],
  ];

  it.each(scenarios)("%s", (_label, raw, tokens) => {
    expect(tokenize(raw)).toEqual({ ok: true, tokens });
  });

  it.each([
    ['"unclosed', '"unclosed'],
    ['seat add "Support triage agent <@U1> agent', '"Support triage agent <@U1> a'],
    ["“smart but unclosed", "“smart but unclosed"],
  ])("an unclosed quote in %j is an error", (raw, excerpt) => {
    const result = tokenize(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^missing closing quote after /);
      expect(result.error).toContain(excerpt);
    }
  });

  // PostgreSQL refuses text holding a NUL ("invalid byte sequence for encoding UTF8: 0x00"): the command fails at
  // the edge with an answer instead of in a query.
  it.each([["KPI\u0000name"], ['seat add "Ops\u0000" <@U1> human'], ["\u0000"]])("text with a NUL character (%j) is an error", (raw) => {
    expect(tokenize(raw)).toEqual({ ok: false, error: "the text holds a NUL character (\\0), which Cadence cannot store; type it again" });
  });
});

describe("decodeSlackEntities", () => {
  it.each([
    ["&lt;= 30", "<= 30"],
    ["&gt;= 95", ">= 95"],
    ["R&amp;D", "R&D"],
    ["plain", "plain"],
    // Decoded once only: an escaped entity stays an entity.
    ["&amp;lt;", "&lt;"],
  ])("%j → %j", (text, decoded) => {
    expect(decodeSlackEntities(text)).toBe(decoded);
  });
});
