/**
 * SQL over `area` and `household`. The tree is kept as a materialised path of ids
 * ('/banner/town/…/self/') so a subtree is one `LIKE` prefix query and ancestors are read off the path.
 */
import { sql } from 'kysely';
import { GRID_KINDS } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { startsWith } from '../../platform/db/sql.ts';
import type { AreasTables, AreaTable } from './schema.ts';

/** The areas module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<AreasTables>;

/** An area row; `polygon` is only present when it was asked for. */
export type AreaRow = Omit<AreaTable, 'polygon'> & { polygon?: string | null };

const COLUMNS = [
  'id',
  'parent_id',
  'kind',
  'code',
  'name_zh',
  'name_en',
  'name_mn',
  'depth',
  'path',
  'created_at',
  'updated_at',
] as const;

/** Ids from root to self, read off a materialised path. */
export function idsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function selectAreas(q: Queryable, withPolygon: boolean) {
  return q
    .selectFrom('area')
    .select(COLUMNS)
    .$if(withPolygon, (qb) => qb.select('polygon'));
}

/** Rows of the areas with these ids, read in chunks: SQLite caps the bound parameters of one statement. */
async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < ids.length; i += 500) found.push(...(await read(ids.slice(i, i + 500))));
  return found;
}

/** Id, kind, path and depth of the areas with these ids (no polygons), in no particular order. */
export function findAreaPlaces(
  q: Queryable,
  ids: readonly string[],
): Promise<{ id: string; kind: string; path: string; depth: number }[]> {
  return inChunks(ids, (chunk) =>
    q.selectFrom('area').select(['id', 'kind', 'path', 'depth']).where('id', 'in', chunk).execute(),
  );
}

/** Id, code, kind, path and names of the areas with these ids (no polygons), in no particular order. */
export function findAreaLabels(
  q: Queryable,
  ids: readonly string[],
): Promise<Pick<AreaRow, 'id' | 'code' | 'kind' | 'path' | 'name_zh' | 'name_en' | 'name_mn'>[]> {
  return inChunks(ids, (chunk) =>
    q
      .selectFrom('area')
      .select(['id', 'code', 'kind', 'path', 'name_zh', 'name_en', 'name_mn'])
      .where('id', 'in', chunk)
      .execute(),
  );
}

/** A subquery of the ids of the areas inside any of these subtrees (each path a `LIKE` prefix). */
export function subtreeIdsQuery(q: Queryable, paths: readonly string[]) {
  return q
    .selectFrom('area')
    .select('area.id')
    .where((eb) => eb.or(paths.map((p) => startsWith('area.path', p))));
}

/** A scalar subquery of the path of the area whose id is in `idColumn` of the outer query. */
export function pathOfQuery(q: Queryable, idColumn: string) {
  return q.selectFrom('area').select('area.path').where('area.id', '=', sql.ref<string>(idColumn));
}

/** The id of the first root area (the county) by code, or undefined when there is none yet. */
export async function findRootAreaId(q: Queryable): Promise<string | undefined> {
  const row = await q
    .selectFrom('area')
    .select('id')
    .where('depth', '=', 0)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** One area's id and path (no polygon: cheap enough for every action). */
export function findAreaPath(q: Queryable, id: string): Promise<{ id: string; path: string } | undefined> {
  return q.selectFrom('area').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

/** One area by id, with its polygon. */
export async function findAreaById(q: Queryable, id: string): Promise<AreaRow | undefined> {
  return selectAreas(q, true).where('id', '=', id).executeTakeFirst();
}

/** True when a root area (the county: depth 0) has this code. */
export async function isRootCode(q: Queryable, code: string): Promise<boolean> {
  const row = await q
    .selectFrom('area')
    .select('id')
    .where('depth', '=', 0)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** One area by its code, with its polygon. */
export async function findAreaByCode(q: Queryable, code: string): Promise<AreaRow | undefined> {
  return selectAreas(q, true).where('code', '=', code).executeTakeFirst();
}

export interface AreaFilter {
  /** Children of this area; `null` = the roots; undefined = any parent. */
  parentId?: string | null;
  kind?: string;
  code?: string;
  withPolygon?: boolean;
}

/** Areas matching every given filter, ordered by code. */
export async function listAreas(q: Queryable, filter: AreaFilter): Promise<AreaRow[]> {
  let query = selectAreas(q, filter.withPolygon ?? false);
  if (filter.parentId === null) query = query.where('parent_id', 'is', null);
  else if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.code !== undefined) query = query.where('code', '=', filter.code);
  return query.orderBy('code').execute();
}

/** The children of an area, ordered by code. */
export async function listChildAreas(
  q: Queryable,
  parentId: string,
  withPolygon = false,
): Promise<AreaRow[]> {
  return listAreas(q, { parentId, withPolygon });
}

/** The area at `path` and everything below it, ordered by depth then code. */
export async function listSubtree(q: Queryable, path: string, withPolygon = false): Promise<AreaRow[]> {
  return selectAreas(q, withPolygon)
    .where('path', 'like', `${path}%`)
    .orderBy('depth')
    .orderBy('code')
    .execute();
}

/** Ancestors of the area at `path`, root first, the area itself left out. */
export async function listAncestors(q: Queryable, path: string): Promise<AreaRow[]> {
  const ids = idsOnPath(path).slice(0, -1);
  if (ids.length === 0) return [];
  return selectAreas(q, false).where('id', 'in', ids).orderBy('depth').execute();
}

/** Every area with its polygon (for the checks). */
export async function listAllAreas(q: Queryable): Promise<AreaRow[]> {
  return selectAreas(q, true).orderBy('code').execute();
}

/** Grids of every kind that have a polygon: what the spatial index is built from. */
export async function listGridShapes(
  q: Queryable,
): Promise<{ id: string; depth: number; path: string; polygon: string }[]> {
  const rows = await q
    .selectFrom('area')
    .select(['id', 'depth', 'path', 'polygon'])
    .where('kind', 'in', [...GRID_KINDS])
    .where('polygon', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, depth: r.depth, path: r.path, polygon: r.polygon as string }));
}

/** Code, name and polygon of every grid that has one, by code: the official grids a department's layer is held against. */
export function listGridOutlines(q: Queryable) {
  return q
    .selectFrom('area')
    .select(['id', 'code', 'name_zh', 'polygon'])
    .where('kind', 'in', [...GRID_KINDS])
    .where('polygon', 'is not', null)
    .orderBy('code')
    .execute();
}

/** Number of households per grid id (grids without households are absent). */
export async function countHouseholdsByGrid(q: Queryable): Promise<Map<string, number>> {
  const rows = await q
    .selectFrom('household')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('grid_id')
    .execute();
  return new Map(rows.map((r) => [r.grid_id, Number(r.n)]));
}

/** Number of households in the grids of the subtree at `path`. */
export async function countHouseholdsInSubtree(q: Queryable, path: string): Promise<number> {
  const row = await q
    .selectFrom('household')
    .innerJoin('area', 'area.id', 'household.grid_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area.path', 'like', `${path}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every household's grid and point (for the checks). */
export async function listHouseholdPoints(
  q: Queryable,
): Promise<{ id: string; grid_id: string; lng: number; lat: number }[]> {
  return q.selectFrom('household').select(['id', 'grid_id', 'lng', 'lat']).execute();
}

/**
 * Changes when an area is added, removed or updated (by the row count and the latest `updated_at`),
 * so other nodes notice that their spatial index is stale.
 */
export async function areaFingerprint(q: Queryable): Promise<string> {
  const row = await q
    .selectFrom('area')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}|${row?.latest ?? ''}`;
}

export interface NewAreaRow {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn: string | null;
  /** GeoJSON text, or null. */
  polygon: string | null;
  now: string;
}

/**
 * The row of a new area below `parent` (a root without one): `path` and `depth` follow the parent's.
 * Pure, so a bulk load (the demo seed) can build a whole tree before writing it.
 */
export function areaRowBelow(
  parent: Pick<AreaTable, 'id' | 'depth' | 'path'> | undefined,
  area: Omit<NewAreaRow, 'parentId'>,
): AreaTable {
  return {
    id: area.id,
    parent_id: parent?.id ?? null,
    kind: area.kind,
    code: area.code,
    name_zh: area.nameZh,
    name_en: area.nameEn,
    name_mn: area.nameMn,
    depth: parent ? parent.depth + 1 : 0,
    path: `${parent?.path ?? '/'}${area.id}/`,
    polygon: area.polygon,
    created_at: area.now,
    updated_at: area.now,
  };
}

/** Inserts an area below its parent, deriving `path` and `depth` from the parent's. */
export async function insertArea(q: Queryable, area: NewAreaRow): Promise<AreaRow> {
  const parent = area.parentId ? await findAreaById(q, area.parentId) : undefined;
  if (area.parentId && !parent) throw new Error(`parent area ${area.parentId} does not exist`);
  const row = areaRowBelow(parent, area);
  await q.insertInto('area').values(row).execute();
  return row;
}

export interface AreaPatch {
  /** A new parent: the area and its whole subtree move, paths and depths rewritten. */
  parentId?: string;
  code?: string;
  nameZh?: string;
  nameEn?: string;
  nameMn?: string | null;
  polygon?: string | null;
  now: string;
}

/**
 * Updates an area. Moving it to another parent rewrites `path` and `depth` of it and every
 * descendant in one statement. Run it in a transaction when it moves.
 */
export async function updateArea(q: Queryable, id: string, patch: AreaPatch): Promise<AreaRow> {
  const current = await findAreaById(q, id);
  if (!current) throw new Error(`area ${id} does not exist`);
  if (patch.parentId !== undefined && patch.parentId !== current.parent_id) {
    const parent = await findAreaById(q, patch.parentId);
    if (!parent) throw new Error(`parent area ${patch.parentId} does not exist`);
    if (parent.path.startsWith(current.path)) throw new Error('an area cannot move below itself');
    const newPath = `${parent.path}${id}/`;
    const depthDelta = parent.depth + 1 - current.depth;
    await q
      .updateTable('area')
      .set({
        path: sql<string>`cast(${newPath} as text) || substr(path, ${current.path.length + 1})`,
        depth: sql<number>`depth + ${depthDelta}`,
        updated_at: patch.now,
      })
      .where('path', 'like', `${current.path}%`)
      .execute();
    await q.updateTable('area').set({ parent_id: parent.id }).where('id', '=', id).execute();
  }
  await q
    .updateTable('area')
    .set({
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.nameZh !== undefined ? { name_zh: patch.nameZh } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.nameMn !== undefined ? { name_mn: patch.nameMn } : {}),
      ...(patch.polygon !== undefined ? { polygon: patch.polygon } : {}),
      updated_at: patch.now,
    })
    .where('id', '=', id)
    .execute();
  return (await findAreaById(q, id)) as AreaRow;
}

/** Gives an area a new code and carries it down: every descendant's code prefix is replaced too. */
export async function recodeSubtree(
  q: Queryable,
  path: string,
  oldCode: string,
  newCode: string,
): Promise<void> {
  await q
    .updateTable('area')
    .set({ code: sql<string>`cast(${newCode} as text) || substr(code, ${oldCode.length + 1})` })
    .where('path', 'like', `${path}%`)
    .execute();
}
