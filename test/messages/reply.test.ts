import { describe, expect, it } from "vitest";
import { section, type Block } from "../../src/messages/limits";
import { errorReply, splitReply, textReply } from "../../src/messages/reply";

const blocks = (count: number): Block[] => Array.from({ length: count }, (_, index) => section(`block ${index}`));

describe("splitReply", () => {
  it("leaves a text-only reply alone", () => {
    expect(splitReply({ text: "done" })).toEqual([{ text: "done" }]);
  });

  it("leaves a reply within the block limit alone", () => {
    const reply = { text: "ok", blocks: blocks(50) };
    expect(splitReply(reply)).toEqual([reply]);
  });

  it("splits a long reply into pages of at most 50 blocks, numbered in the fallback text", () => {
    const all = blocks(120);
    const parts = splitReply({ text: "12 seats", blocks: all });
    expect(parts.map((part) => part.text)).toEqual(["12 seats (1/3)", "12 seats (2/3)", "12 seats (3/3)"]);
    expect(parts.map((part) => part.blocks?.length)).toEqual([50, 50, 20]);
    expect(parts.flatMap((part) => part.blocks)).toEqual(all);
  });

  it("splits 51 blocks into two", () => {
    expect(splitReply({ text: "t", blocks: blocks(51) }).map((part) => [part.text, part.blocks?.length])).toEqual([
      ["t (1/2)", 50],
      ["t (2/2)", 1],
    ]);
  });
});

describe("errorReply / textReply", () => {
  it("errorReply is a warning in plain text", () => {
    expect(errorReply("no such seat")).toEqual({ text: ":warning: no such seat" });
  });

  it("textReply repeats the text as a section", () => {
    expect(textReply("Saved.")).toEqual({ text: "Saved.", blocks: [section("Saved.")] });
  });
});
