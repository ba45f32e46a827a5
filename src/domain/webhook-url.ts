// A stop webhook's address: https, or http for an agent on this machine (localhost, 127.0.0.1).
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** Slack sends a typed link as `<https://…>` or `<https://…|label>`: the address is inside. */
export function parseWebhookUrl(text: string): { ok: true; url: string } | { ok: false; error: string } {
  const unwrapped = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(text.trim())?.[1] ?? text.trim();
  if (unwrapped === "") return { ok: false, error: "the webhook URL is missing" };
  let url: URL;
  try {
    url = new URL(unwrapped);
  } catch {
    return { ok: false, error: "the webhook URL is not a URL" };
  }
  if (url.protocol === "https:") return { ok: true, url: url.toString() };
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) return { ok: true, url: url.toString() };
  return { ok: false, error: "the webhook URL must start with https:// (http:// only for localhost and 127.0.0.1)" };
}
