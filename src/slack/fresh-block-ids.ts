// Slack wants "a new block_id" on each iteration of a message
// (https://docs.slack.dev/reference/block-kit/blocks/actions-block, block_id), or clients may keep showing the
// old block. Builders keep stable, readable ids (snapshots, listeners); the Web API edge adds a revision to each.
import { randomBytes } from "node:crypto";

const REVISION_SEPARATOR = "~";

/** The blocks with each explicit block_id made unique to this post or update: `issue_12` → `issue_12~3f9a0c1e`. */
export function withFreshBlockIds<B extends object>(blocks: B[] | undefined, revision = randomBytes(4).toString("hex")): B[] | undefined {
  return blocks?.map((block) => {
    const blockId = (block as { block_id?: unknown }).block_id;
    return typeof blockId === "string" ? { ...block, block_id: `${baseBlockId(blockId)}${REVISION_SEPARATOR}${revision}` } : block;
  });
}

/** The builder's block_id behind a revised one (`issue_12~3f9a0c1e` → `issue_12`); other ids stay as they are. */
export function baseBlockId(blockId: string): string {
  const at = blockId.indexOf(REVISION_SEPARATOR);
  return at < 0 ? blockId : blockId.slice(0, at);
}
