import { describe, expect, it } from 'vitest';
import { parseW3c, toW3c } from './dates.ts';

describe('W3C date-times', () => {
  it('writes instants in China Standard Time with the zone', () => {
    expect(toW3c('2026-11-23T01:30:00.000Z')).toBe('2026-11-23T09:30:00+08:00');
    expect(toW3c('2026-12-31T16:00:00.500Z')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('reads any zone, fractions, and bare dates as midnight in +08:00', () => {
    expect(parseW3c('2026-11-23T09:30:00+08:00')?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(parseW3c('2026-11-23T01:30:00Z')?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(parseW3c('2026-11-23T01:30Z')?.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(parseW3c('2026-11-22T20:30:00.25-05:00')?.toISOString()).toBe('2026-11-23T01:30:00.250Z');
    expect(parseW3c('2026-11-23')?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(parseW3c('2024-02-29')?.toISOString()).toBe('2024-02-28T16:00:00.000Z');
  });

  it('refuses what is not a W3C date-time or names an impossible moment', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-11-23T09:30:00', // no zone
      '2026-11-23 09:30:00Z',
      '2026-13-01',
      '2026-02-29',
      '2026-04-31T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T23:60:00Z',
      '2026-11-23T09:30:00+15:00',
      '20261123',
      '2026-11-23T09:30:00+0800',
      '1e3',
    ]) {
      expect(parseW3c(bad), bad).toBeUndefined();
    }
  });
});
