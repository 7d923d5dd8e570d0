/** The signed-in person (`GET /api/v1/me`). */
import { api, call } from '../api.ts';
import type { components } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type Me = components['schemas']['Me'];

export function useMe(): Remote<Me> {
  return useApiQuery(queryKeys.me, () => call(api.GET('/api/v1/me')));
}
