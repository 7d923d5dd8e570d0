import { describe, expect, it } from 'vitest';
import { Open311Error } from './errors.ts';
import { parseListQuery } from './list-query.ts';

const now = new Date('2026-11-23T01:30:00.000Z');
const DAY = 86_400_000;

function problems(fields: Record<string, unknown>): string[] {
  try {
    parseListQuery(fields, now);
  } catch (error) {
    if (error instanceof Open311Error && error.status === 400) return error.errors.map((e) => e.description);
    throw error;
  }
  return [];
}

describe('GET /requests filters', () => {
  it('defaults to the last 90 days and at most 1000 requests', () => {
    expect(parseListQuery({}, now)).toEqual({
      start: new Date(now.getTime() - 90 * DAY).toISOString(),
      end: now.toISOString(),
      limit: 1000,
    });
  });

  it('completes a half-open window to 90 days', () => {
    expect(parseListQuery({ start_date: '2026-01-01T00:00:00Z' }, now)).toMatchObject({
      start: '2026-01-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
    expect(parseListQuery({ end_date: '2026-04-01T00:00:00Z' }, now)).toMatchObject({
      start: '2026-01-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
  });

  it('takes comma-delimited codes and statuses; ids override everything else', () => {
    expect(parseListQuery({ service_code: 'a, b', status: 'open,closed' }, now)).toMatchObject({
      serviceCodes: ['a', 'b'],
      statuses: ['open', 'closed'],
    });
    expect(parseListQuery({ service_request_id: 'x,y', status: 'open' }, now)).toEqual({
      ids: ['x', 'y'],
      limit: 1000,
    });
  });

  it('refuses more than 90 days, reversed windows, malformed dates and unknown statuses', () => {
    expect(problems({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' })).toEqual([]);
    expect(problems({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-02T00:00:00Z' })).toEqual([
      'start_date and end_date may be at most 90 days apart',
    ]);
    expect(problems({ start_date: '2026-02-01', end_date: '2026-01-01' })).toEqual([
      'end_date must not be before start_date',
    ]);
    expect(problems({ start_date: 'last week', end_date: '2026-02-30', status: 'pending' })).toEqual([
      'status must be open or closed, not pending',
      'start_date must be a W3C date-time such as 2026-11-23T09:30:00+08:00',
      'end_date must be a W3C date-time such as 2026-11-23T09:30:00+08:00',
    ]);
    expect(problems({ start_date: ['2026-01-01', '2026-01-02'] })).toEqual([
      'start_date was given more than once',
    ]);
    expect(problems({ service_request_id: Array.from({ length: 101 }, (_, i) => i).join(',') })).toEqual([
      'service_request_id lists more than 100 values',
    ]);
  });
});
