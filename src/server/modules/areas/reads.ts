/**
 * What other modules may read of the area tree inside their own transaction (a command that must see
 * one consistent database). The SQL stays in this module's repository; callers get plain values.
 */
import type { Queryable } from '../../database.ts';
import { type AreaGeometry, parseGeometry } from './geometry.ts';
import {
  findAreaLabels,
  findAreaPath,
  findAreaPlaces,
  findRootAreaId,
  idsOnPath,
  isRootCode,
  listGridOutlines,
  pathOfQuery,
  subtreeIdsQuery,
} from './repository.ts';

/** An area's id and materialised path, or undefined when there is no such area. */
export function areaPath(q: Queryable, id: string): Promise<{ id: string; path: string } | undefined> {
  return findAreaPath(q, id);
}

/** True when `code` is the code of a root area (the jurisdiction: the banner or county). */
export function isJurisdictionCode(q: Queryable, code: string): Promise<boolean> {
  return isRootCode(q, code);
}

/** Where each of these areas sits in the tree (kind, path, depth), by id; unknown ids are absent. */
export async function areaPlaces(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, { kind: string; path: string; depth: number }>> {
  const unique = [...new Set(ids)];
  return new Map((await findAreaPlaces(q, unique)).map((a) => [a.id, a]));
}

/** An area's names in the three languages. */
export interface AreaName {
  zh: string;
  en: string;
  mn: string | null;
}

/** What a page shows of an area: its id, code, kind and names. */
export interface AreaLabel {
  id: string;
  code: string;
  kind: string;
  name: AreaName;
}

/** Id, code, kind and names of each of these areas, by id (one query); unknown ids are absent. */
export async function areaLabels(q: Queryable, ids: readonly string[]): Promise<Map<string, AreaLabel>> {
  const rows = await findAreaLabels(q, [...new Set(ids)]);
  return new Map(
    rows.map((a) => [
      a.id,
      { id: a.id, code: a.code, kind: a.kind, name: { zh: a.name_zh, en: a.name_en, mn: a.name_mn } },
    ]),
  );
}

/** The names of each of these areas, by id (one query); unknown ids are absent. */
export async function areaNames(q: Queryable, ids: readonly string[]): Promise<Map<string, AreaName>> {
  const labels = await areaLabels(q, ids);
  return new Map([...labels].map(([id, label]) => [id, label.name]));
}

/**
 * A subquery of the ids of the areas inside any of the subtrees at these paths, for a caller to
 * embed (`.where('grid_id', 'in', areaIdsUnder(q, [path]))`): one round trip, the SQL on `area` here.
 */
export function areaIdsUnder(q: Queryable, paths: readonly string[]) {
  return subtreeIdsQuery(q, paths);
}

/**
 * A scalar subquery of the path of the area whose id the outer query holds in `idColumn`, for a caller
 * to select (`.select(areaPathOf(q, 'case_file.grid_id').as('grid_path'))`).
 */
export function areaPathOf(q: Queryable, idColumn: string) {
  return pathOfQuery(q, idColumn);
}

/** The ids of the area at `path` and of every area containing it, root first (read off the path). */
export function areaIdsOnPath(path: string): string[] {
  return idsOnPath(path);
}

/** The id of the county's root area (the first by code), or undefined before any area exists. */
export function rootAreaId(q: Queryable): Promise<string | undefined> {
  return findRootAreaId(q);
}

/** An official grid's outline (多网合一 compares departments' layers with these). */
export interface GridOutline {
  id: string;
  /** The grid's code in the national structure: what a department's old grid id translates to. */
  code: string;
  name: string;
  geometry: AreaGeometry;
}

/** Every official grid that has a polygon, by code. */
export async function officialGridOutlines(q: Queryable): Promise<GridOutline[]> {
  return (await listGridOutlines(q)).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name_zh,
    geometry: parseGeometry(r.polygon) as AreaGeometry,
  }));
}
