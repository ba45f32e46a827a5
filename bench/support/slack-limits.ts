// Slack's message limits, checked on what the app sent: an answer Slack would reject is a failure, not a figure.
// (The fake Slack enforces them on chat.postMessage; response_url posts it records as they come.)
const MAX_BLOCKS_PER_MESSAGE = 50;
const MAX_SECTION_TEXT = 3000;

export interface SlackMessageLike {
  blocks: Record<string, any>[];
}

/** What in these messages Slack would refuse; empty when all fit. */
export function slackLimitProblems(messages: SlackMessageLike[]): string[] {
  const problems: string[] = [];
  messages.forEach((message, index) => {
    if (message.blocks.length > MAX_BLOCKS_PER_MESSAGE)
      problems.push(`message ${index + 1} has ${message.blocks.length} blocks (limit ${MAX_BLOCKS_PER_MESSAGE})`);
    const longest = Math.max(0, ...message.blocks.map((block) => String(block.text?.text ?? "").length));
    if (longest > MAX_SECTION_TEXT) problems.push(`message ${index + 1} has a text of ${longest} characters (limit ${MAX_SECTION_TEXT})`);
  });
  return problems;
}

export function maxBlocks(messages: SlackMessageLike[]): number {
  return Math.max(0, ...messages.map((message) => message.blocks.length));
}
