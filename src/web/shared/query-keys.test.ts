import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from './query-keys.ts';

/** Which of `keys` a refresh of `prefix` marks stale. */
async function refreshed(prefix: readonly unknown[], keys: (readonly unknown[])[]): Promise<number[]> {
  const client = new QueryClient();
  for (const key of keys) client.setQueryData(key, 1);
  await client.invalidateQueries({ queryKey: prefix, refetchType: 'none' });
  return keys.flatMap((key, i) => (client.getQueryState(key)?.isInvalidated ? [i] : []));
}

describe('query keys', () => {
  it('a case refresh reaches its history, photos and verification, not another case', async () => {
    const keys = [
      queryKeys.case('a'),
      queryKeys.caseHistory('a'),
      queryKeys.casePhotos('a'),
      queryKeys.caseVerification('a'),
      queryKeys.caseHistory('b'),
      queryKeys.notifications,
    ];
    expect(await refreshed(queryKeys.case('a'), keys)).toEqual([0, 1, 2, 3]);
  });

  it('a catalogue refresh reaches both views of the case types; users reach the list and each person', async () => {
    const keys = [queryKeys.caseTypes(), queryKeys.caseTypes(true), queryKeys.departments];
    expect(await refreshed(queryKeys.allCaseTypes, keys)).toEqual([0, 1]);
    const people = [queryKeys.userList({ page: 1 }), queryKeys.user('u'), queryKeys.me];
    expect(await refreshed(queryKeys.users, people)).toEqual([0, 1]);
  });

  it('the calendar refresh reaches every year; the areas refresh every area query', async () => {
    expect(
      await refreshed(queryKeys.calendar(), [queryKeys.calendar(2026), queryKeys.calendar(2027)]),
    ).toEqual([0, 1]);
    const areas = [
      queryKeys.area('x'),
      queryKeys.areaChildren('x'),
      queryKeys.areaChecks,
      queryKeys.areaTeam('x'),
    ];
    expect(await refreshed(queryKeys.areas, areas)).toEqual([0, 1, 2, 3]);
  });
});
