/**
 * A small in-process limiter for failed secret attempts: at most `limit` failures per client per
 * window. Only failures count, so editors with the right secret are never slowed down. Per
 * instance — behind several instances the effective limit multiplies (docs/security.md).
 */
export interface RateLimiter {
  /** True when the client may try again. */
  allowed(client: string, now?: number): boolean;
  recordFailure(client: string, now?: number): void;
  /** Seconds until the client may try again. */
  retryAfter(client: string, now?: number): number;
}

export function createRateLimiter({ limit = 10, windowMs = 60_000, maxClients = 10_000 } = {}): RateLimiter {
  const failures = new Map<string, number[]>();
  const recent = (client: string, now: number) => (failures.get(client) ?? []).filter((t) => now - t < windowMs);
  return {
    allowed(client, now = Date.now()) {
      return recent(client, now).length < limit;
    },
    recordFailure(client, now = Date.now()) {
      if (failures.size >= maxClients && !failures.has(client)) {
        // Forget the oldest client rather than grow without bound under a flood of addresses.
        failures.delete(failures.keys().next().value!);
      }
      failures.set(client, [...recent(client, now), now]);
    },
    retryAfter(client, now = Date.now()) {
      const times = recent(client, now);
      return times.length < limit ? 0 : Math.ceil((windowMs - (now - times[0])) / 1000);
    },
  };
}

/**
 * Who is trying. Behind a reverse proxy (TRUST_PROXY=1) the client is the first X-Forwarded-For
 * hop; otherwise forwarding headers are ignored — anyone could forge them to dodge the limit — and
 * all direct clients share one bucket, which errs on the side of refusing.
 */
export function clientKey(request: Request): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return "direct";
}

const LIMITERS = Symbol.for("masthead.rateLimiters");
type WithLimiters = typeof globalThis & { [LIMITERS]?: Map<string, RateLimiter> };

/** One limiter per purpose for the whole process. */
export function sharedLimiter(name: string): RateLimiter {
  const g = globalThis as WithLimiters;
  g[LIMITERS] ??= new Map();
  let limiter = g[LIMITERS].get(name);
  if (!limiter) g[LIMITERS].set(name, (limiter = createRateLimiter()));
  return limiter;
}
