import { describe, expect, it } from "vitest";
import {
  context,
  divider,
  escapeText,
  header,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_SECTION_TEXT,
  packLines,
  paginateBlocks,
  section,
  type Block,
} from "../../src/messages/limits";

describe("packLines", () => {
  const scenarios: Array<[string, string[], number, string[]]> = [
    ["no lines", [], 10, []],
    ["one short line", ["abc"], 10, ["abc"]],
    ["lines that fit are joined with newlines", ["ab", "cd", "ef"], 10, ["ab\ncd\nef"]],
    ["a chunk may be exactly the limit", ["abcd", "efghi"], 10, ["abcd\nefghi"]],
    ["one more character starts a new chunk", ["abcd", "efghij"], 10, ["abcd", "efghij"]],
    ["a line of exactly the limit stays whole", ["abcdefghij"], 10, ["abcdefghij"]],
    ["an over-long line is split at the limit", ["abcdefghijklmnopqrstuvw"], 10, ["abcdefghij", "klmnopqrst", "uvw"]],
    ["pieces of a split line pack with the next line", ["abcdefghijkl", "mn"], 10, ["abcdefghij", "kl\nmn"]],
    ["empty lines are kept inside a chunk", ["a", "", "b"], 10, ["a\n\nb"]],
  ];

  it.each(scenarios)("%s", (_label, lines, max, chunks) => {
    expect(packLines(lines, max)).toEqual(chunks);
  });

  it("keeps every chunk within the safe limit by default, and loses nothing", () => {
    const lines = Array.from({ length: 500 }, (_, index) => `line ${index} ${"y".repeat(index % 120)}`);
    lines.push("z".repeat(7000));
    const chunks = packLines(lines);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(2900);
    expect(chunks.join("\n").replace(/\n/g, "")).toBe(lines.join(""));
  });
});

describe("paginateBlocks", () => {
  const blocks = (count: number): Block[] => Array.from({ length: count }, (_, index) => section(`block ${index}`));

  it.each([
    [0, [0]],
    [1, [1]],
    [MAX_BLOCKS_PER_MESSAGE, [50]],
    [MAX_BLOCKS_PER_MESSAGE + 1, [50, 1]],
    [120, [50, 50, 20]],
  ])("%i blocks → pages of %j", (count, sizes) => {
    expect(paginateBlocks(blocks(count)).map((page) => page.length)).toEqual(sizes);
  });

  it("keeps the blocks in order", () => {
    const all = blocks(7);
    expect(paginateBlocks(all, 3)).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6)]);
  });
});

describe("escapeText", () => {
  it.each([
    ["plain", "plain"],
    ["R&D", "R&amp;D"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["a &lt; b", "a &amp;lt; b"],
    ["*bold* _it_", "*bold* _it_"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeText(text)).toBe(escaped);
  });
});

describe("block helpers", () => {
  it("section", () => {
    expect(section("hi", { block_id: "b" })).toEqual({ type: "section", text: { type: "mrkdwn", text: "hi" }, block_id: "b" });
  });

  it("context", () => {
    expect(context("small")).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "small" }] });
  });

  it("header cuts to Slack's 150 characters", () => {
    expect(header("h".repeat(200))).toEqual({ type: "header", text: { type: "plain_text", text: "h".repeat(150), emoji: true } });
  });

  it("divider", () => {
    expect(divider).toEqual({ type: "divider" });
  });

  it("Slack's limits", () => {
    expect([MAX_BLOCKS_PER_MESSAGE, MAX_SECTION_TEXT]).toEqual([50, 3000]);
  });
});
