import { describe, expect, it } from 'vitest';
import { apiQueryOf, filtersFromSearch, PAGE_SIZE, searchOfFilters } from './filters.ts';

describe('case list filters in the address bar', () => {
  it('round-trips every filter through the query string', () => {
    const search =
      '?area=0190a000-0000-7000-8000-000000000001&level=3&status=registered%2Chandling&type=neighbour&overdue=1&supervised=1&q=%E6%B0%B4%E4%BA%95&page=2';
    const filters = filtersFromSearch(new URLSearchParams(search));
    expect(filters).toEqual({
      areaId: '0190a000-0000-7000-8000-000000000001',
      level: 3,
      status: ['registered', 'handling'],
      caseType: 'neighbour',
      overdue: true,
      supervised: true,
      q: '水井',
      page: 2,
    });
    expect(searchOfFilters(filters)).toBe(search);
    expect(apiQueryOf(filters)).toMatchObject({
      level: 3,
      status: ['registered', 'handling'],
      offset: PAGE_SIZE,
    });
  });

  it('drops what is not valid and writes nothing for no filter', () => {
    const filters = filtersFromSearch(new URLSearchParams('?level=9&status=nonsense,archived&page=-1&q=%20'));
    expect(filters).toEqual({ status: ['archived'], overdue: false, supervised: false, page: 1 });
    expect(searchOfFilters({ status: [], overdue: false, supervised: false, page: 1 })).toBe('');
    expect(apiQueryOf(filters)).toEqual({ status: ['archived'], limit: PAGE_SIZE, offset: 0 });
  });
});
