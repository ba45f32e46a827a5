import { describe, expect, it } from "vitest";
import { baseBlockId, withFreshBlockIds } from "../../src/slack/fresh-block-ids";

describe("fresh block_ids for each post and update of a message", () => {
  it("gives every explicit block_id a new revision and leaves blocks without one alone", () => {
    const blocks = [{ type: "actions", block_id: "issue_12", elements: [] }, { type: "divider" }];
    const first = withFreshBlockIds(blocks, "aa") as { block_id?: string }[];
    const second = withFreshBlockIds(first, "bb") as { block_id?: string }[];
    expect(first.map((block) => block.block_id)).toEqual(["issue_12~aa", undefined]);
    expect(second[0]!.block_id).toBe("issue_12~bb");
    expect(blocks[0]!.block_id).toBe("issue_12");
  });

  it("makes a new revision on each call by default", () => {
    const blocks = [{ type: "section", block_id: "digest_rating" }];
    expect((withFreshBlockIds(blocks) as { block_id: string }[])[0]!.block_id).not.toBe((withFreshBlockIds(blocks) as { block_id: string }[])[0]!.block_id);
  });

  it("recovers the builder's id for the listeners", () => {
    expect(baseBlockId("issue_12~3f9a0c1e")).toBe("issue_12");
    expect(baseBlockId("issue_12")).toBe("issue_12");
  });
});
