import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './router.ts';

describe('hash routes', () => {
  it('read every page and fall back to Today', () => {
    expect(parseRoute('')).toEqual({ page: 'today' });
    expect(parseRoute('#/')).toEqual({ page: 'today' });
    expect(parseRoute('#/case/0190-abc')).toEqual({ page: 'case', id: '0190-abc' });
    expect(parseRoute('#/report')).toEqual({ page: 'report' });
    expect(parseRoute('#/sync')).toEqual({ page: 'sync' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'today' });
  });

  it('write routes that read back the same', () => {
    for (const route of [{ page: 'case', id: 'a b' }, { page: 'sync' }, { page: 'today' }] as const)
      expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
