// Slack's mrkdwn and plain_text, rendered to safe HTML: *bold*, _italics_, ~strike~, `code`, ```blocks```,
// <links|text>, <@U1> mentions, <!date^…|fallback>, :emoji: and Slack's &lt; &gt; &amp; entities.
import { emojiFor } from "./emoji.js";

/** @typedef {{ users: Map<string, {realName: string}>, me: string, tz: string, now: Date }} TextContext */

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]);
}

/** Slack escapes exactly these three in message text. */
export function decodeEntities(text) {
  return String(text).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => emojiFor(name) ?? whole);
}

/** A text object: `{ type: "mrkdwn" | "plain_text", text, emoji? }`. */
export function textObject(object, context) {
  if (!object) return "";
  return object.type === "mrkdwn" ? mrkdwn(object.text ?? "", context) : plainText(object);
}

export function plainText(object) {
  const html = escapeHtml(object?.text ?? "");
  return object?.emoji === false ? html : emojify(html);
}

/** mrkdwn → HTML. Newlines are kept by the CSS (white-space: pre-wrap). */
export function mrkdwn(text, context) {
  return String(text)
    .split("```")
    .map((part, index) => (index % 2 === 1 ? `<pre class="md-pre">${escapeHtml(decodeEntities(part.replace(/^\n/, "")))}</pre>` : inline(part, context)))
    .join("");
}

function inline(text, context) {
  // Code spans and <…> markup are rendered first and parked, so bold/italics never reach inside them.
  const parked = [];
  const park = (html) => `\u0000${parked.push(html) - 1}\u0000`;
  let rest = text
    .replace(/`([^`\n]+)`/g, (_whole, code) => park(`<code class="md-code">${escapeHtml(decodeEntities(code))}</code>`))
    .replace(/<([^<>\n]+)>/g, (_whole, inner) => park(special(inner, context)));
  rest = escapeHtml(decodeEntities(rest));
  rest = rest
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])/g, "$1<b>$2</b>")
    .replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?![\w_])/g, "$1<i>$2</i>")
    .replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?![\w~])/g, "$1<s>$2</s>")
    .replace(/^&gt; ?(.*)$/gm, '<span class="md-quote">$1</span>');
  rest = emojify(rest);
  return rest.replace(/\u0000(\d+)\u0000/g, (_whole, index) => parked[Number(index)]);
}

/** What is inside `<…>`: a mention, a channel, a date, a special mention, or a link. */
function special(inner, context) {
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    const name = context.users.get(id)?.realName ?? label ?? id;
    return `<span class="mention${id === context.me ? " me" : ""}" title="${escapeHtml(id)}">@${escapeHtml(decodeEntities(name))}</span>`;
  }
  if (target.startsWith("#")) return `<span class="mention">#${escapeHtml(decodeEntities(label ?? target.slice(1)))}</span>`;
  if (target.startsWith("!date^")) return dateHtml(target, label, context);
  if (target.startsWith("!subteam^")) return `<span class="mention">${escapeHtml(decodeEntities(label ?? "@group"))}</span>`;
  if (target.startsWith("!")) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
  const url = decodeEntities(target);
  if (/^(https?:|mailto:)/i.test(url)) {
    return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(decodeEntities(label ?? url))}</a>`;
  }
  return escapeHtml(`<${decodeEntities(inner)}>`);
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

// --- <!date^1700000000^{date_short_pretty} at {time}|fallback> -----------------------------------------------

function dateHtml(target, fallback, context) {
  const [, seconds, format = "{date_short}"] = target.split("^");
  const when = new Date(Number(seconds) * 1000);
  if (Number.isNaN(when.getTime())) return escapeHtml(decodeEntities(fallback ?? ""));
  const text = format.replace(/\{(\w+)\}/g, (whole, token) => dateToken(token, when, context) ?? whole);
  return `<time datetime="${when.toISOString()}" title="${escapeHtml(decodeEntities(fallback ?? ""))}">${escapeHtml(text)}</time>`;
}

function dateToken(token, when, context) {
  const tz = context.tz;
  const format = (options) => new Intl.DateTimeFormat("en-US", { timeZone: tz, ...options }).format(when);
  const relative = relativeDay(when, context);
  switch (token) {
    case "date_num":
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(when);
    case "date":
      return format({ month: "long", day: "numeric", year: "numeric" });
    case "date_short":
      return format({ month: "short", day: "numeric", year: "numeric" });
    case "date_long":
      return format({ weekday: "long", month: "long", day: "numeric", year: "numeric" });
    case "date_pretty":
      return relative ?? format({ month: "long", day: "numeric", year: "numeric" });
    case "date_short_pretty":
      return relative ?? format({ month: "short", day: "numeric", year: "numeric" });
    case "date_long_pretty":
      return relative ?? format({ weekday: "long", month: "long", day: "numeric", year: "numeric" });
    case "time":
      return format({ hour: "numeric", minute: "2-digit" });
    case "time_secs":
      return format({ hour: "numeric", minute: "2-digit", second: "2-digit" });
    case "day_divider_pretty":
      return relative ?? format({ weekday: "long", month: "long", day: "numeric" });
    default:
      return undefined;
  }
}

/** "today", "yesterday" or "tomorrow" in the viewer's time zone, relative to demo time. */
function relativeDay(when, context) {
  const day = (date) => new Intl.DateTimeFormat("en-CA", { timeZone: context.tz }).format(date);
  const today = day(context.now);
  const oneDay = 24 * 3600 * 1000;
  if (day(when) === today) return "today";
  if (day(when) === day(new Date(context.now.getTime() - oneDay))) return "yesterday";
  if (day(when) === day(new Date(context.now.getTime() + oneDay))) return "tomorrow";
  return undefined;
}
