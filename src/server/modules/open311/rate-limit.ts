/**
 * Per-key rate limit: an in-memory token bucket per API key. Each node counts on its own, so with N
 * PostgreSQL nodes a key gets up to N times the rate — enough to stop a runaway client, not a quota.
 */
import type { Clock } from '../../platform/clock.ts';

export interface RateLimitOptions {
  /** Requests a key may make in a burst. */
  capacity: number;
  /** Requests added back per minute. */
  refillPerMinute: number;
}

/** 60 requests at once, then one a second. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 60, refillPerMinute: 60 };

export interface RateLimiter {
  /** Takes one request from the key's bucket: 0 when allowed, else seconds until the next one. */
  take(key: string): number;
}

/** Buckets idle long enough to be full again are forgotten when the map grows. */
const MAX_BUCKETS = 10_000;

export function createRateLimiter(clock: Clock, options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimiter {
  const perMs = options.refillPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = clock.now().getTime();
      if (buckets.size > MAX_BUCKETS) buckets.clear();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, at: now };
      bucket.tokens = Math.min(options.capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
