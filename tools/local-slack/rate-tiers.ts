// Slack's Web API rate limits, as the local Slack enforces them when asked to (`rateLimits: true`).
//
// Slack counts calls "per API method per workspace per app", per minute, in tiers (Tier 2 20+ a minute, Tier 3
// 50+, Tier 4 100+), tolerates small bursts, and answers HTTP 429 `ratelimited` with a `Retry-After` header in
// seconds. chat.postMessage is special: about one message per second per channel, with short bursts.
//   https://docs.slack.dev/apis/web-api/rate-limits
// Each method's tier is on its reference page, e.g. https://docs.slack.dev/reference/methods/users.list (Tier 2),
// .../users.info (Tier 4), .../conversations.open and .../conversations.history (Tier 3), .../views.publish and
// .../views.open (Tier 4), .../chat.postMessage (Special).
// Each limit is modelled as a token bucket: it refills at the tier's rate and holds a burst's worth of calls.

export const TIER_PER_MINUTE = { tier2: 20, tier3: 50, tier4: 100 } as const;

/** Calls a minute for each method the local Slack serves; methods not listed are not limited. */
export const METHOD_PER_MINUTE: Record<string, number> = {
  "users.list": TIER_PER_MINUTE.tier2,
  "conversations.open": TIER_PER_MINUTE.tier3,
  "conversations.history": TIER_PER_MINUTE.tier3,
  "conversations.replies": TIER_PER_MINUTE.tier3,
  "chat.update": TIER_PER_MINUTE.tier3,
  "chat.delete": TIER_PER_MINUTE.tier3,
  "users.info": TIER_PER_MINUTE.tier4,
  "views.open": TIER_PER_MINUTE.tier4,
  "views.push": TIER_PER_MINUTE.tier4,
  "views.update": TIER_PER_MINUTE.tier4,
  "views.publish": TIER_PER_MINUTE.tier4,
  "chat.postEphemeral": TIER_PER_MINUTE.tier4,
};

/** chat.postMessage: one a second per channel, and a short burst (Slack: "short bursts >1 allowed"). */
export const POSTS_PER_SECOND_PER_CHANNEL = 1;
export const POST_BURST_PER_CHANNEL = 3;

/** Slack tolerates "occasional bursts" above a tier's steady rate; a tenth of a minute's calls at once. */
export function tierBurst(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 10));
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateTiers {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  /** Spends one call of `method` (for chat.postMessage, in `channel`), or says how long to wait. */
  take(method: string, channel?: string): RateDecision {
    const limit = limitFor(method, channel);
    if (!limit) return { allowed: true };
    const now = this.now();
    const bucket = this.buckets.get(limit.key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.updatedAt) * limit.perMs);
    bucket.updatedAt = now;
    this.buckets.set(limit.key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    // Retry-After is whole seconds, rounded up: a client that waits that long finds a call's worth refilled.
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perMs / 1000)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}

function limitFor(method: string, channel: string | undefined): { key: string; perMs: number; burst: number } | undefined {
  if (method === "chat.postMessage") {
    if (!channel) return undefined;
    return { key: `${method}/${channel}`, perMs: POSTS_PER_SECOND_PER_CHANNEL / 1000, burst: POST_BURST_PER_CHANNEL };
  }
  const perMinute = METHOD_PER_MINUTE[method];
  if (perMinute === undefined) return undefined;
  return { key: method, perMs: perMinute / 60_000, burst: tierBurst(perMinute) };
}
