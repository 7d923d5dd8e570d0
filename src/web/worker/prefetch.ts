/**
 * Before the signal goes: when the lists load, the page of every listed case (its details, its
 * history, its photos and its grid's outline for the map and, where the worker may dispatch or
 * link, its area's team) is saved too, so each case opens offline as last synced.
 */
import { api, call } from '../shared/api.ts';
import { cacheKey, writeCache } from './cache.ts';
import { fetchPhotos } from './photos.ts';
import type { HistoryEntry, WorkerCase } from './types.ts';

const PARALLEL = 4;

/** Fetches and caches the details of one case. */
export async function fetchCase(id: string): Promise<WorkerCase> {
  const c = await call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
  await writeCache(cacheKey.case(id), c);
  return c;
}

/** Fetches and caches the history of one case. */
export async function fetchHistory(id: string): Promise<HistoryEntry[]> {
  const h = await call(api.GET('/api/v1/cases/{id}/history', { params: { path: { id } } }));
  await writeCache(cacheKey.history(id), h);
  return h;
}

async function fetchTeam(areaId: string, done: Set<string>): Promise<void> {
  if (done.has(areaId)) return;
  done.add(areaId);
  const team = await call(api.GET('/api/v1/areas/{id}/team', { params: { path: { id: areaId } } }));
  await writeCache(cacheKey.team(areaId), team);
}

/** Fetches and caches an area with its polygon (the grid outline on the case map). */
export async function fetchArea(areaId: string) {
  const area = await call(api.GET('/api/v1/areas/{id}', { params: { path: { id: areaId } } }));
  await writeCache(cacheKey.area(areaId), area);
  return area;
}

/** Caches the case-type catalogue for the report and register forms. */
export async function prefetchCatalogue(): Promise<void> {
  try {
    await writeCache(cacheKey.caseTypes, await call(api.GET('/api/v1/case-types')));
  } catch {
    // no signal: keep the last copy
  }
}

/** Caches every case of `ids` (a few at a time); failures are skipped, the next sync retries. */
export async function prefetchCases(ids: readonly string[]): Promise<void> {
  const queue = [...new Set(ids)];
  const teams = new Set<string>();
  const grids = new Set<string>();
  async function worker() {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const [c] = await Promise.all([fetchCase(id), fetchHistory(id)]);
        const picksPeople = c.allowedActions.some((a) => a === 'dispatch' || a === 'link');
        if (picksPeople && c.handlingArea) await fetchTeam(c.handlingArea.id, teams);
        await fetchPhotos(id);
        if (c.grid && !grids.has(c.grid.id)) {
          grids.add(c.grid.id);
          await fetchArea(c.grid.id);
        }
      } catch {
        // no signal or no longer visible: keep the last copy
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}
