/** The worker's own grid (with its polygon, for the report's default location), cached for offline. */
import { api, call } from '../shared/api.ts';
import { cacheKey } from './cache.ts';
import { type Resource, useCachedResource } from './resource.ts';
import { myGridId } from './session.ts';
import type { AreaDetail, Me } from './types.ts';

export function useMyGrid(me: Me): Resource<AreaDetail> {
  const gridId = myGridId(me);
  return useCachedResource<AreaDetail>(gridId && cacheKey.myGrid, () =>
    call(api.GET('/api/v1/areas/{id}', { params: { path: { id: gridId ?? '' } } })),
  );
}
