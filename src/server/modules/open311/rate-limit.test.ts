import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createRateLimiter } from './rate-limit.ts';

describe('the per-key token bucket', () => {
  it('allows a burst, then one request per refill interval, per key', () => {
    const clock = new ManualClock('2026-11-23T01:30:00.000Z');
    const limiter = createRateLimiter(clock, { capacity: 3, refillPerMinute: 6 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(10); // one token every 10 s
    expect(limiter.take('b')).toBe(0); // another key has its own bucket
    clock.advance(9_000);
    expect(limiter.take('a')).toBe(1);
    clock.advance(1_000);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });

  it('refills no further than the burst size', () => {
    const clock = new ManualClock('2026-11-23T01:30:00.000Z');
    const limiter = createRateLimiter(clock, { capacity: 2, refillPerMinute: 60 });
    limiter.take('a');
    clock.advance(3_600_000);
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    expect(limiter.take('a')).toBe(1);
  });
});
