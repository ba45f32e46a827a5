// A per-token sliding window: at most `limit` requests in any `windowMs`. Kept in memory, so with several
// instances each enforces it on its own; the limit protects Cadence from a runaway agent, not billing.
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one request for `key`; when over the limit, the seconds until the next request would be allowed. */
  take(key: string, now: Date): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const since = now.getTime() - this.windowMs;
    const times = (this.recent.get(key) ?? []).filter((time) => time > since);
    if (times.length >= this.limit) {
      this.recent.set(key, times);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] - since) / 1000)) };
    }
    times.push(now.getTime());
    this.recent.set(key, times);
    this.forgetIdle(since);
    return { allowed: true };
  }

  // Tokens that went quiet are dropped now and then, so the map does not grow with every token ever seen.
  private forgetIdle(since: number): void {
    if (this.recent.size < 1000) return;
    for (const [key, times] of this.recent) if (times[times.length - 1] <= since) this.recent.delete(key);
  }
}
