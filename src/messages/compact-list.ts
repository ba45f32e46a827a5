// A digest list that takes one block: its title and as many lines as fit, then where to find the rest. The
// digest's main message is near Slack's 50 blocks already, so the lists time off, priorities and to-dos added
// cost one block each.
import { section, type Block } from "./limits";

const MAX_TEXT = 2800;

export function compactList(title: string, lines: string[], rest: (count: number) => string): Block {
  let text = title;
  let shown = 0;
  for (const line of lines) {
    if (text.length + 1 + line.length > MAX_TEXT) break;
    text += `\n${line}`;
    shown += 1;
  }
  if (shown < lines.length) text += `\n${rest(lines.length - shown)}`;
  return section(text);
}
