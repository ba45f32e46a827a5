// How the outbox treats a failed post: when to try again, and which Slack errors no retry can fix.

const FIRST_RETRY_MS = 60_000;
// A delivery waits at most this long between attempts, so a fixed outage is caught up within the hour.
const MAX_RETRY_MS = 60 * 60_000;

/** How long to wait after the `attempts`-th failed attempt: 1 min, 2, 4, 8 … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  const doublings = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, MAX_RETRY_MS);
}

/**
 * Slack errors that say the same thing on every retry until a person changes something; the message is
 * given up on (and shown to admins) instead of being retried every tick. Codes from
 * https://docs.slack.dev/reference/methods/chat.postMessage ("Errors").
 */
const FIXES: Record<string, (channel: string) => string> = {
  not_in_channel: (channel) => `invite @Cadence to ${place(channel)} (\`/invite @Cadence\` in that channel)`,
  channel_not_found: (channel) => `${place(channel)} does not exist or Cadence cannot see it: check CADENCE_CHANNEL, or invite @Cadence if it is private`,
  is_archived: (channel) => `${place(channel)} is archived: unarchive it, or point CADENCE_CHANNEL at another channel`,
  invalid_blocks: () => "Slack refused the message's layout: a bug in Cadence, report it with the message key",
  user_not_found: (channel) => `${place(channel)} is not in this workspace: give their seats a new owner with \`/cadence seat owner\``,
  account_inactive: (channel) => `${place(channel)} is deactivated: give their seats a new owner with \`/cadence seat owner\``,
};

export function isPermanentSlackError(code: string | undefined): code is string {
  return code !== undefined && Object.hasOwn(FIXES, code);
}

/** What an admin should do about a delivery that failed for good with `code`. */
export function fixFor(code: string, channel: string): string {
  return FIXES[code]?.(channel) ?? `Slack answered \`${code}\``;
}

/** A channel id as a Slack link, a user id (a DM) as a mention. */
function place(channel: string): string {
  if (/^[UW]/.test(channel)) return `<@${channel}>`;
  if (/^D/.test(channel)) return "the owner's DM";
  return `<#${channel}>`;
}

/** A delivery key (`issue:12`, `checkin:U1:2026-W47`, `digest:2026-W47:thread:0`) in words for admins. */
export function describeDeliveryKey(key: string): string {
  const [kind, ...parts] = key.split(":");
  if (kind === "issue") return `the post of issue #${parts[0]}`;
  if (kind === "checkin") return `the ${parts[1]} check-in DM to <@${parts[0]}>`;
  if (kind === "reminder") return `the ${parts[1]} reminder to <@${parts[0]}>`;
  if (kind === "digest") return parts[1] === "main" ? `the ${parts[0]} digest` : `part ${Number(parts[2]) + 1} of the ${parts[0]} digest's thread`;
  return `message \`${key}\``;
}
