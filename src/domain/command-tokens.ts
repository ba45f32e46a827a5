// Splits slash-command text into words, honouring quotes and Slack's escaped mentions.
import { excerpt } from "./excerpt";
export type Token =
  | { kind: "word"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "user"; text: string; userId: string }
  | { kind: "channel"; text: string; channelId: string };

export type Tokenized = { ok: true; tokens: Token[] } | { ok: false; error: string };

const OPENING_QUOTES = new Set(['"', "“", "”", "„"]);
const CLOSING_QUOTES = new Set(['"', "”", "“"]);

/** Slack escapes `&`, `<` and `>` in command text; its own `<@U…|name>` markup stays as is. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function tokenize(raw: string): Tokenized {
  // PostgreSQL cannot store a NUL in text (SQLite can): refused here, whatever the database, so both answer alike.
  if (raw.includes("\u0000")) return { ok: false, error: "the text holds a NUL character (\\0), which Cadence cannot store; type it again" };
  const tokens: Token[] = [];
  let index = 0;
  while (index < raw.length) {
    const char = raw[index];
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (OPENING_QUOTES.has(char)) {
      const end = findClosingQuote(raw, index + 1);
      if (end < 0) return { ok: false, error: `missing closing quote after ${excerpt(raw.slice(index), 30)}` };
      tokens.push({ kind: "quoted", text: decodeSlackEntities(raw.slice(index + 1, end)).trim() });
      index = end + 1;
      continue;
    }
    const markup = /^<([@#])([A-Z0-9]+)(?:\|([^>]*))?>/.exec(raw.slice(index));
    if (markup) {
      const [text, sigil, id] = markup;
      tokens.push(sigil === "@" ? { kind: "user", text, userId: id } : { kind: "channel", text, channelId: id });
      index += text.length;
      continue;
    }
    let end = index;
    while (end < raw.length && !/\s/.test(raw[end])) end += 1;
    tokens.push({ kind: "word", text: decodeSlackEntities(raw.slice(index, end)) });
    index = end;
  }
  return { ok: true, tokens };
}

function findClosingQuote(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    if (CLOSING_QUOTES.has(text[index])) return index;
  }
  return -1;
}
