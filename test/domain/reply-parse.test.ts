import { describe, expect, it } from "vitest";
import { MAX_REPLY_CHARS, MAX_REPLY_LINES, parseCheckinReply, type ParsedReply, type ReplyKpi } from "../../src/domain/reply-parse";

// The owner's KPIs in the order the check-in lists them.
const revenue: ReplyKpi = { id: 1, name: "Revenue", unit: "currency" };
const firstResponse: ReplyKpi = { id: 2, name: "First response", unit: "duration" };
const shipped: ReplyKpi = { id: 3, name: "Shipped", unit: "yes/no" };
const tickets: ReplyKpi = { id: 4, name: "Tickets", unit: "number" };
const kpis = [revenue, firstResponse, shipped, tickets];

const parsed = (values: Array<[number, number]>, problems: string[] = [], note: string | null = null): ParsedReply => ({
  values: values.map(([kpiId, value]) => ({ kpiId, value })),
  note,
  problems,
});

describe("parseCheckinReply: values", () => {
  const scenarios: Array<[string, string, ParsedReply]> = [
    [
      "positional lines, in the listed order",
      "1200\n1:30\nyes\n42",
      parsed([
        [1, 1200],
        [2, 90],
        [3, 1],
        [4, 42],
      ]),
    ],
    [
      "fewer lines than KPIs fill the first ones",
      "1200\n45",
      parsed([
        [1, 1200],
        [2, 45],
      ]),
    ],
    [
      "blank lines and surrounding spaces are ignored",
      "\n  1200  \n\n 90m \n",
      parsed([
        [1, 1200],
        [2, 90],
      ]),
    ],
    [
      "Windows line endings",
      "1200\r\n1h\r\nno",
      parsed([
        [1, 1200],
        [2, 60],
        [3, 0],
      ]),
    ],
    [
      "`name: value` lines",
      "Revenue: $1,200\nFirst response: 1h 30m\nShipped: yes",
      parsed([
        [1, 1200],
        [2, 90],
        [3, 1],
      ]),
    ],
    [
      "`name: value` lines in any order",
      "Tickets: 7\nRevenue: 10",
      parsed([
        [4, 7],
        [1, 10],
      ]),
    ],
    [
      "names are case-insensitive",
      "REVENUE: 5\nfirst RESPONSE: 10m\nshipped: NO",
      parsed([
        [1, 5],
        [2, 10],
        [3, 0],
      ]),
    ],
    ["`name = value`", "Tickets = 12", parsed([[4, 12]])],
    ["spaces around the colon", "Tickets  :  12", parsed([[4, 12]])],
    [
      "bulleted `name: value` lines",
      "- Tickets: 3\n• Revenue: 4\n* Shipped: y",
      parsed([
        [4, 3],
        [1, 4],
        [3, 1],
      ]),
    ],
    [
      "mixed: positional lines then a named one",
      "1200\n2h\nTickets: 8",
      parsed([
        [1, 1200],
        [2, 120],
        [4, 8],
      ]),
    ],
    ["the last value for a KPI wins", "Tickets: 1\nTickets: 2", parsed([[4, 2]])],
    [
      "a clock duration is a positional value, not a KPI named 1",
      "5\n1:30",
      parsed([
        [1, 5],
        [2, 90],
      ]),
    ],
    ["a named clock duration", "First response: 0:45", parsed([[2, 45]])],
    ["`1h 30m`", "First response: 1h 30m", parsed([[2, 90]])],
    ["`1.5h`", "First response: 1.5h", parsed([[2, 90]])],
    ["yes/no words", "Shipped: done", parsed([[3, 1]])],
    ["yes/no emoji", "Shipped: :x:", parsed([[3, 0]])],
    [
      "a value of zero is kept",
      "0\n0\nno\n0",
      parsed([
        [1, 0],
        [2, 0],
        [3, 0],
        [4, 0],
      ]),
    ],
  ];

  it.each(scenarios)("%s", (_label, text, expected) => {
    expect(parseCheckinReply(text, kpis)).toEqual(expected);
  });
});

describe("parseCheckinReply: with values the agent already reported", () => {
  it("gives unnamed lines to the KPIs still asked for, and named lines to any KPI (a correction)", () => {
    const asked = [firstResponse, tickets];
    expect(parseCheckinReply("1:30\n42", kpis, asked)).toEqual(
      parsed([
        [2, 90],
        [4, 42],
      ]),
    );
    expect(parseCheckinReply("Revenue: 900\n42", kpis, asked)).toEqual(
      parsed([
        [1, 900],
        [2, 42],
      ]),
    );
    expect(parseCheckinReply("1\n2\n3", kpis, asked).problems).toEqual(['line 3 ("3") has no KPI to go with it: you have 2']);
  });
});

describe("parseCheckinReply: note", () => {
  const scenarios: Array<[string, string, ParsedReply]> = [
    [
      "a note after the values",
      "1200\n1:30\nnote: a quiet week",
      parsed(
        [
          [1, 1200],
          [2, 90],
        ],
        [],
        "a quiet week",
      ),
    ],
    ["`Note:` in any case", "Tickets: 3\nNOTE: ok", parsed([[4, 3]], [], "ok")],
    ["a note may contain colons", "note: shipped v2: finally", parsed([], [], "shipped v2: finally")],
    ["an empty note is no note", "Tickets: 3\nnote:", parsed([[4, 3]], [], null)],
    ["only a note", "note: away this week", parsed([], [], "away this week")],
    ["the last note wins", "note: one\nnote: two", parsed([], [], "two")],
  ];

  it.each(scenarios)("%s", (_label, text, expected) => {
    expect(parseCheckinReply(text, kpis)).toEqual(expected);
  });

  it("keeps at most 500 characters of a note", () => {
    const result = parseCheckinReply(`note: ${"x".repeat(800)}`, kpis);
    expect(result.note).toBe("x".repeat(500));
    expect(result.problems).toEqual([]);
  });
});

describe("parseCheckinReply: problems", () => {
  const scenarios: Array<[string, string, ParsedReply]> = [
    ["an unknown KPI name", "Profit: 5", parsed([], ['"Profit" is not one of your KPIs'])],
    [
      "an unknown KPI name does not stop the others",
      "Revenue: 5\nProfit: 6\nTickets: 7",
      parsed(
        [
          [1, 5],
          [4, 7],
        ],
        ['"Profit" is not one of your KPIs'],
      ),
    ],
    ["a long unknown name is cut in the message", `${"N".repeat(60)}: 5`, parsed([], [`"${"N".repeat(40)}…" is not one of your KPIs`])],
    [
      "more positional lines than KPIs",
      "1\n2\nyes\n4\n5",
      parsed(
        [
          [1, 1],
          [2, 2],
          [3, 1],
          [4, 4],
        ],
        ['line 5 ("5") has no KPI to go with it: you have 4'],
      ),
    ],
    ["`abc`", "Tickets: abc", parsed([], ['Tickets: "abc" is not a number such as 42 or 3.5'])],
    ["`1,2,3`", "Tickets: 1,2,3", parsed([], ['Tickets: "1,2,3" is not a number such as 42 or 3.5'])],
    ["`NaN`", "Tickets: NaN", parsed([], ['Tickets: "NaN" is not a number such as 42 or 3.5'])],
    ["`1e999`", "Tickets: 1e999", parsed([], ['Tickets: "1e999" is not a number such as 42 or 3.5'])],
    ["a bad positional value", "abc", parsed([], ['Revenue: "abc" is not an amount such as 1200 or $1,200.50'])],
    ["a bad duration", "First response: 1:75", parsed([], ['First response: "1:75" is not a duration such as 1h 30m, 90m or 1.5h'])],
    ["a negative duration", "First response: -5", parsed([], ['First response: "-5" is not a duration such as 1h 30m, 90m or 1.5h'])],
    ["not yes or no", "Shipped: maybe", parsed([], ['Shipped: "maybe" is not yes or no'])],
    ["a named KPI with no value", "Tickets:", parsed([], ["Tickets: a value is required: a number such as 42 or 3.5"])],
    [
      "a bad value does not stop the good ones",
      "1200\n1:30\nmaybe\n7",
      parsed(
        [
          [1, 1200],
          [2, 90],
          [4, 7],
        ],
        ['Shipped: "maybe" is not yes or no'],
      ),
    ],
  ];

  it.each(scenarios)("%s", (_label, text, expected) => {
    expect(parseCheckinReply(text, kpis)).toEqual(expected);
  });

  it("an owner with no KPIs gets a problem per line", () => {
    expect(parseCheckinReply("5", [])).toEqual(parsed([], ['line 1 ("5") has no KPI to go with it: you have 0']));
  });

  it("an empty reply has no values and no problems", () => {
    expect(parseCheckinReply("  \n \n", kpis)).toEqual(parsed([]));
  });
});

describe("parseCheckinReply: oversized replies are refused whole", () => {
  it("refuses 1,000 lines with a clear message and no values", () => {
    const text = Array.from({ length: 1000 }, () => "1").join("\n");
    expect(parseCheckinReply(text, kpis)).toEqual(parsed([], ["the reply has 1000 lines; send at most one line per KPI"]));
  });

  it(`accepts ${MAX_REPLY_LINES} lines and refuses ${MAX_REPLY_LINES + 1}`, () => {
    const lines = (count: number) => Array.from({ length: count }, () => "Tickets: 1").join("\n");
    expect(parseCheckinReply(lines(MAX_REPLY_LINES), kpis)).toEqual(parsed([[4, 1]]));
    expect(parseCheckinReply(lines(MAX_REPLY_LINES + 1), kpis)).toEqual(
      parsed([], [`the reply has ${MAX_REPLY_LINES + 1} lines; send at most one line per KPI`]),
    );
  });

  it("does not count blank lines", () => {
    const text = `Tickets: 1${"\n".repeat(5000)}`;
    expect(parseCheckinReply(text, kpis)).toEqual(parsed([[4, 1]]));
  });

  it("refuses text over the character limit", () => {
    const text = `Tickets: 1\nnote: ${"x".repeat(MAX_REPLY_CHARS)}`;
    expect(parseCheckinReply(text, kpis)).toEqual(parsed([], [`the reply is longer than ${MAX_REPLY_CHARS} characters; send one value per line`]));
  });

  it("reads text of exactly the character limit", () => {
    const prefix = "Tickets: 1\nnote: ";
    const text = prefix + "x".repeat(MAX_REPLY_CHARS - prefix.length);
    expect(text).toHaveLength(MAX_REPLY_CHARS);
    expect(parseCheckinReply(text, kpis)).toEqual(parsed([[4, 1]], [], "x".repeat(500)));
  });

  it("an over-long single value is a problem, not a crash", () => {
    expect(parseCheckinReply(`Tickets: ${"9".repeat(100)}`, kpis)).toEqual(parsed([], ["Tickets: too long: a number such as 42 or 3.5"]));
  });
});
