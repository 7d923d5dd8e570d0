/** The area calls the administration pages make (`/api/v1/areas…`). */

import { api, call } from '../api.ts';
import type { components } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type Area = components['schemas']['Area'];
export type AreaDetail = components['schemas']['AreaDetail'];
export type AreaGeometry = components['schemas']['AreaGeometry'];
export type AreaViolation = components['schemas']['AreaViolation'];

/** The tops of the tree a person sees: the root(s), or their own centre's areas. */
export async function loadRootAreas(roots: string[] | undefined): Promise<Area[]> {
  if (!roots) return call(api.GET('/api/v1/areas'));
  return Promise.all(roots.map((id) => loadArea(id)));
}

/** The children of an area, ordered by code; with their polygons when asked. */
export function loadChildren(id: string, withPolygon = false): Promise<Area[]> {
  return call(
    api.GET('/api/v1/areas/{id}/children', {
      params: { path: { id }, query: withPolygon ? { withPolygon: true } : {} },
    }),
  );
}

/** One area with its polygon, ancestors and household count. */
export function loadArea(id: string): Promise<AreaDetail> {
  return call(api.GET('/api/v1/areas/{id}', { params: { path: { id } } }));
}

/** The consistency report (caps, containment, overlaps, gaps, codes) within the viewer's scope. */
export function loadChecks(): Promise<{ count: number; violations: AreaViolation[] }> {
  return call(api.GET('/api/v1/areas/checks'));
}

/** What an administrator fills in to create an area. */
export interface NewArea {
  parentId: string | null;
  kind: AreaKindName;
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn: string | null;
  polygon?: unknown;
}

export type AreaKindName =
  | 'banner'
  | 'town'
  | 'village'
  | 'unit_grid'
  | 'community_grid'
  | 'micro_grid'
  | 'enterprise_grid';

export function createArea(body: NewArea): Promise<AreaDetail> {
  return call(api.POST('/api/v1/areas', { body }));
}

/** What an administrator may change on an area. */
export interface AreaChanges {
  code?: string;
  nameZh?: string;
  nameEn?: string;
  nameMn?: string | null;
  polygon?: unknown;
}

export function updateArea(id: string, body: AreaChanges): Promise<AreaDetail> {
  return call(api.PATCH('/api/v1/areas/{id}', { params: { path: { id } }, body }));
}

/** One area with its polygon, ancestors and household count; waits while `id` is undefined. */
export function useArea(id: string | undefined): Remote<AreaDetail> {
  return useApiQuery(queryKeys.area(id ?? ''), () => loadArea(id ?? ''), id !== undefined);
}

/** The children of an area, each in detail (with its household count). */
export function useChildrenInDetail(id: string): Remote<AreaDetail[]> {
  return useApiQuery([...queryKeys.areaChildren(id), 'detail'], async () =>
    Promise.all((await loadChildren(id)).map((child) => loadArea(child.id))),
  );
}

export function useAreaChecks() {
  return useApiQuery(queryKeys.areaChecks, loadChecks);
}

/** The people working in an area (its team); waits while `id` is undefined. */
export function useAreaTeam(id: string | undefined) {
  return useApiQuery(
    queryKeys.areaTeam(id ?? ''),
    () => call(api.GET('/api/v1/areas/{id}/team', { params: { path: { id: id ?? '' } } })),
    id !== undefined,
  );
}
