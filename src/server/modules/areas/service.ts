/**
 * Areas and grids (SPEC §1): the tree, its polygons, the point → grid lookup, the handling area of
 * each escalation level, and the consistency checks. Holds the rules; the SQL is in repository.ts.
 */

import type { Kysely } from 'kysely';
import { type AreaKind, GRID_KINDS, LEVELS, type Level } from '../../../shared/domain.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { isUuid, uuidv7 } from '../../platform/ids.ts';
import type { Actor } from '../people/actor.ts';
import { checkKind, checkName, checkOptionalName, checkParentKind, geometryText } from './area-input.ts';
import { type AreaCaps, type AreaViolation, checkAreasInSlices, codeProblem } from './checks.ts';
import { gcj02ToWgs84 } from './coords.ts';
import { type AreaGeometry, parseGeometry } from './geometry.ts';
import { buildGridIndex, type GridIndex } from './grid-index.ts';
import { handlingAreaOnPath } from './levels.ts';
import {
  type AreaRow,
  areaFingerprint,
  countHouseholdsInSubtree,
  findAreaByCode,
  findAreaById,
  insertArea,
  listAllAreas,
  listAncestors,
  listAreas,
  listGridShapes,
  listHouseholdPoints,
  recodeSubtree,
  updateArea,
} from './repository.ts';
import type { AreasTables } from './schema.ts';
import { listTeam, mayViewTeam, type TeamMember } from './team.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<AreasTables>;

/** An area as the rest of the system sees it. `polygon` is null when it has none (or was not asked for). */
export interface Area {
  id: string;
  parentId: string | null;
  kind: AreaKind;
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn: string | null;
  depth: number;
  /** Materialised path of ids, '/banner/…/self/'. */
  path: string;
  polygon: AreaGeometry | null;
}

/** The grid a point falls in. */
export interface GridHit {
  gridId: string;
  gridPath: string;
  depth: number;
}

export type Crs = 'wgs84' | 'gcj02';

export interface NewAreaInput {
  parentId: string | null;
  kind: string;
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn?: string | null;
  /** GeoJSON Polygon / MultiPolygon, WGS-84; validated here. */
  polygon?: unknown;
}

export interface AreaUpdateInput {
  parentId?: string;
  code?: string;
  nameZh?: string;
  nameEn?: string;
  nameMn?: string | null;
  /** A new GeoJSON geometry, or null to remove it. */
  polygon?: unknown;
}

export interface AreaListFilter {
  parentId?: string;
  kind?: string;
  code?: string;
  withPolygon?: boolean;
}

export interface AreaService {
  /** Without parentId, kind or code: the root(s). With parentId: its children (404 if unknown). */
  listAreas(filter: AreaListFilter): Promise<Area[]>;
  /** The children of an area (404 if unknown). */
  children(areaId: string, withPolygon?: boolean): Promise<Area[]>;
  /** One area with its polygon, or undefined (also for ids that are not UUIDs). */
  getArea(id: string): Promise<Area | undefined>;
  /** Ancestors of an area, the banner first, the area itself left out (404 if unknown). */
  ancestors(areaId: string): Promise<Area[]>;
  /** Households in the grids of an area's subtree. */
  householdCount(areaId: string): Promise<number>;
  /** The deepest grid containing the point; a GCJ-02 point is converted first. */
  gridOf(lng: number, lat: number, crs?: Crs): Promise<GridHit | undefined>;
  /**
   * The area that handles a case of this grid at a level of the five-level chain (SPEC §5):
   * 1 → the level-3 grid (the grid itself, or a micro-grid's parent), 2 → its village/community,
   * 3 → its town/sumu, 4 and 5 → the banner.
   */
  handlingAreaFor(gridId: string, level: Level): Promise<string>;
  /** Every area-rule violation; with `withinPaths`, only those about areas inside these subtrees. */
  checks(withinPaths?: readonly string[]): Promise<AreaViolation[]>;
  createArea(input: NewAreaInput): Promise<Area>;
  updateArea(id: string, patch: AreaUpdateInput): Promise<Area>;
  /** The grid team inside an area (404 if unknown; 403 unless `mayViewTeam`). */
  team(actor: Actor, areaId: string): Promise<TeamMember[]>;
  /** Forget the spatial index (after areas were changed behind the service's back, e.g. an import). */
  invalidateIndex(): void;
}

export interface AreaServiceOptions {
  /** Stamps created_at / updated_at. Default: the system clock. */
  clock?: Clock;
  /** How often (ms) a lookup checks whether another node changed the areas. Default 5 s. */
  refreshMs?: number;
}

/** Presents a row as an Area. */
export function toArea(row: AreaRow): Area {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as AreaKind,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    nameMn: row.name_mn,
    depth: row.depth,
    path: row.path,
    polygon: parseGeometry(row.polygon ?? null),
  };
}

interface IndexState {
  index: GridIndex;
  shapes: Map<string, { path: string; depth: number }>;
  fingerprint: string;
  checkedAt: number;
}

/** Creates the area service over the database, with the household caps from the configuration. */
export function createAreaService(db: Db, caps: AreaCaps, options: AreaServiceOptions = {}): AreaService {
  const refreshMs = options.refreshMs ?? 5_000;
  const clock = options.clock ?? systemClock;
  let state: IndexState | undefined;
  let building: Promise<IndexState> | undefined;
  let generation = 0;

  async function build(forGeneration: number): Promise<IndexState> {
    const fingerprint = await areaFingerprint(db);
    if (state && state.fingerprint === fingerprint) {
      state.checkedAt = Date.now();
      return state;
    }
    const rows = await listGridShapes(db);
    const grids = rows.map((r) => ({
      id: r.id,
      depth: r.depth,
      geometry: parseGeometry(r.polygon) as AreaGeometry,
    }));
    const fresh: IndexState = {
      index: buildGridIndex(grids),
      shapes: new Map(rows.map((r) => [r.id, { path: r.path, depth: r.depth }])),
      fingerprint,
      checkedAt: Date.now(),
    };
    // If an area changed through this service meanwhile, this index may be stale: the callers that
    // waited get it, but it is not kept.
    if (forGeneration === generation) state = fresh;
    return fresh;
  }

  /**
   * The index, revalidated against the database at most every `refreshMs` of wall time (a cache
   * lifetime, not domain time, hence Date.now and not the clock port).
   */
  async function currentIndex(): Promise<IndexState> {
    if (state && Date.now() - state.checkedAt < refreshMs) return state;
    if (!building) {
      const mine = build(generation).finally(() => {
        if (building === mine) building = undefined;
      });
      building = mine;
    }
    return building;
  }

  function invalidateIndex(): void {
    generation++;
    state = undefined;
    building = undefined;
  }

  async function requireRow(id: string): Promise<AreaRow> {
    const row = isUuid(id) ? await findAreaById(db, id) : undefined;
    if (!row) throw notFound('not_found.area');
    return row;
  }

  async function parentFor(field: string, parentId: string | null): Promise<AreaRow | undefined> {
    if (parentId === null) return undefined;
    const parent = isUuid(parentId) ? await findAreaById(db, parentId) : undefined;
    if (!parent) throw badRequest(field, 'ref.no_such_area');
    return parent;
  }

  return {
    async listAreas(filter) {
      if (filter.parentId !== undefined) await requireRow(filter.parentId);
      const noFilter =
        filter.parentId === undefined && filter.kind === undefined && filter.code === undefined;
      const rows = await listAreas(db, {
        ...(noFilter ? { parentId: null } : {}),
        ...(filter.parentId !== undefined ? { parentId: filter.parentId } : {}),
        ...(filter.kind !== undefined ? { kind: filter.kind } : {}),
        ...(filter.code !== undefined ? { code: filter.code } : {}),
        withPolygon: filter.withPolygon ?? false,
      });
      return rows.map(toArea);
    },

    async children(areaId, withPolygon = false) {
      await requireRow(areaId);
      return (await listAreas(db, { parentId: areaId, withPolygon })).map(toArea);
    },

    async getArea(id) {
      if (!isUuid(id)) return undefined;
      const row = await findAreaById(db, id);
      return row ? toArea(row) : undefined;
    },

    async ancestors(areaId) {
      const row = await requireRow(areaId);
      return (await listAncestors(db, row.path)).map(toArea);
    },

    async householdCount(areaId) {
      const row = await requireRow(areaId);
      return countHouseholdsInSubtree(db, row.path);
    },

    async gridOf(lng, lat, crs = 'wgs84') {
      const point = crs === 'gcj02' ? gcj02ToWgs84(lng, lat) : { lng, lat };
      const { index, shapes } = await currentIndex();
      const gridId = index.gridOf(point.lng, point.lat);
      const shape = gridId ? shapes.get(gridId) : undefined;
      if (!gridId || !shape) return undefined;
      return { gridId, gridPath: shape.path, depth: shape.depth };
    },

    async handlingAreaFor(gridId, level) {
      if (!LEVELS.includes(level)) throw badRequest('level', 'validation.enum', { allowed: LEVELS });
      const grid = await requireRow(gridId);
      const kind = grid.kind as AreaKind;
      if (!GRID_KINDS.includes(kind))
        throw badRequest('gridId', 'area.not_a_grid', { code: grid.code, kind });
      const areaId = handlingAreaOnPath(grid.path, level);
      if (!areaId) throw new AppError('conflict', 'area.no_area_at_level', { code: grid.code, level });
      return areaId;
    },

    async checks(withinPaths) {
      const [rows, households] = await Promise.all([listAllAreas(db), listHouseholdPoints(db)]);
      // In slices (steps.ts): a large tree takes seconds, and the server keeps answering meanwhile.
      const violations = await checkAreasInSlices({
        areas: rows.map((r) => ({
          id: r.id,
          parentId: r.parent_id,
          kind: r.kind as AreaKind,
          code: r.code,
          depth: r.depth,
          geometry: parseGeometry(r.polygon ?? null),
        })),
        households: households.map((h) => ({ id: h.id, gridId: h.grid_id, lng: h.lng, lat: h.lat })),
        caps,
      });
      if (!withinPaths) return violations;
      const pathOf = new Map(rows.map((r) => [r.id, r.path]));
      return violations.filter((v) => {
        const path = pathOf.get(v.areaId);
        return path !== undefined && withinPaths.some((p) => path.startsWith(p));
      });
    },

    async createArea(input) {
      const kind = checkKind(input.kind);
      const parent = await parentFor('parentId', input.parentId);
      checkParentKind(kind, parent);
      const problem = codeProblem(kind, input.code, parent?.code);
      if (problem) throw badRequest('code', problem.key, problem.params);
      const nameZh = checkName(input.nameZh, 'nameZh');
      const nameEn = checkName(input.nameEn, 'nameEn');
      const nameMn = checkOptionalName(input.nameMn, 'nameMn');
      const polygon = input.polygon === undefined ? null : geometryText(input.polygon);
      const row = await db.transaction().execute(async (tx) => {
        if (await findAreaByCode(tx, input.code)) throw conflict('area.code_exists', { code: input.code });
        return insertArea(tx, {
          id: uuidv7(),
          parentId: parent?.id ?? null,
          kind,
          code: input.code,
          nameZh,
          nameEn,
          nameMn,
          polygon,
          now: clock.now().toISOString(),
        });
      });
      invalidateIndex();
      return toArea(row);
    },

    async updateArea(id, patch) {
      const current = await requireRow(id);
      const kind = current.kind as AreaKind;
      const moving = patch.parentId !== undefined && patch.parentId !== current.parent_id;
      const parent = moving
        ? await parentFor('parentId', patch.parentId as string)
        : await parentFor('parentId', current.parent_id);
      if (moving) {
        checkParentKind(kind, parent);
        if (parent?.path.startsWith(current.path)) {
          throw badRequest('parentId', 'area.move_below_itself');
        }
      }
      const code = patch.code ?? current.code;
      if (patch.code !== undefined || moving) {
        const problem = codeProblem(kind, code, parent?.code);
        if (problem) throw badRequest('code', problem.key, problem.params);
      }
      const nameZh = patch.nameZh === undefined ? undefined : checkName(patch.nameZh, 'nameZh');
      const nameEn = patch.nameEn === undefined ? undefined : checkName(patch.nameEn, 'nameEn');
      const nameMn = patch.nameMn === undefined ? undefined : checkOptionalName(patch.nameMn, 'nameMn');
      const polygon = patch.polygon === undefined ? undefined : geometryText(patch.polygon);
      const row = await db.transaction().execute(async (tx) => {
        if (code !== current.code) {
          const clash = await tx
            .selectFrom('area')
            .select('code')
            .where('code', 'like', `${code}%`)
            .where('path', 'not like', `${current.path}%`)
            .executeTakeFirst();
          if (clash) throw conflict('area.code_taken_by', { code, by: clash.code });
        }
        const updated = await updateArea(tx, id, {
          ...(moving && parent ? { parentId: parent.id } : {}),
          ...(nameZh !== undefined ? { nameZh } : {}),
          ...(nameEn !== undefined ? { nameEn } : {}),
          ...(nameMn !== undefined ? { nameMn } : {}),
          ...(polygon !== undefined ? { polygon } : {}),
          now: clock.now().toISOString(),
        });
        if (code !== current.code) await recodeSubtree(tx, updated.path, current.code, code);
        return (await findAreaById(tx, id)) as AreaRow;
      });
      invalidateIndex();
      return toArea(row);
    },

    async team(actor, areaId) {
      const row = await requireRow(areaId);
      if (!mayViewTeam(actor, row.path)) throw forbidden('forbidden.team_staff_only');
      return listTeam(db, row.path);
    },

    invalidateIndex,
  };
}
