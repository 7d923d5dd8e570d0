/**
 * Unifying grid layers (多网合一 step 3, 统一网格): the unified layer is built from a chosen base
 * layer plus the administrator's edits, and a legacy-id map (旧编号对照表) tells each department which
 * unified grids its old grids became, and by what share, so old ids can be translated both ways.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerFeature } from './feature.ts';
import * as geo from './geometry.ts';

type Shape = geo.Shape;

type Area = Polygon | MultiPolygon;

// ── Legacy-id map ───────────────────────────────────────────────────────────────────────────────

/** One line of the legacy-id map: a department's old grid and a unified grid it overlaps. */
export interface LegacyIdRow {
  layerId: string;
  legacyId: string;
  gridId: string;
  /** Overlap area / the old grid's area. */
  share: number;
}

/** Rows whose share is below this are left out: edge noise, not a part of the old grid. */
export const MIN_LEGACY_SHARE = 0.01;

const byLegacyId = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Maps each grid of a department's layer to the unified grids that cover at least 1 % of it, sorted
 * by legacy id (numbers in ids compared as numbers) then by share, largest first.
 */
export function legacyIdMap(
  layer: { id: string; features: readonly LayerFeature[] },
  unified: readonly { gridId: string; geometry: Area }[],
): LegacyIdRow[] {
  const grids = unified.map((grid) => ({ gridId: grid.gridId, shape: geo.toShape(grid.geometry) }));
  const searchGrids = geo.indexBoxes(grids.map((grid) => geo.boxOf(grid.shape)));
  const rows: LegacyIdRow[] = [];
  for (const feature of layer.features) {
    const shape = geo.toShape(feature.geometry);
    const whole = geo.areaM2(shape);
    if (whole === 0) continue;
    for (const j of searchGrids(geo.boxOf(shape))) {
      const grid = grids[j] as (typeof grids)[number];
      const share = geo.areaM2(geo.intersect(shape, grid.shape)) / whole;
      if (share >= MIN_LEGACY_SHARE) {
        rows.push({ layerId: layer.id, legacyId: feature.legacyId, gridId: grid.gridId, share });
      }
    }
  }
  return rows.sort(
    (x, y) => byLegacyId(x.legacyId, y.legacyId) || y.share - x.share || byLegacyId(x.gridId, y.gridId),
  );
}

/** Translates ids both ways through the rows of one or more layers' legacy-id maps. */
export interface IdTranslator {
  /** The unified grids a department's old grid became, largest share first. */
  toUnified(layerId: string, legacyId: string): { gridId: string; share: number }[];
  /** Per layer, the old grids that overlap a unified grid (each with the share of the old grid). */
  toLegacy(gridId: string): Record<string, { legacyId: string; share: number }[]>;
}

/** Indexes the rows once; each look-up is then a map read. */
export function idTranslator(rows: readonly LegacyIdRow[]): IdTranslator {
  const byLegacy = new Map<string, { gridId: string; share: number }[]>();
  const byGrid = new Map<string, LegacyIdRow[]>();
  for (const row of rows) {
    const key = `${row.layerId}\u0000${row.legacyId}`;
    if (!byLegacy.has(key)) byLegacy.set(key, []);
    byLegacy.get(key)?.push({ gridId: row.gridId, share: row.share });
    if (!byGrid.has(row.gridId)) byGrid.set(row.gridId, []);
    byGrid.get(row.gridId)?.push(row);
  }
  return {
    toUnified(layerId, legacyId) {
      const found = byLegacy.get(`${layerId}\u0000${legacyId}`) ?? [];
      return [...found].sort((x, y) => y.share - x.share);
    },
    toLegacy(gridId) {
      const perLayer: Record<string, { legacyId: string; share: number }[]> = {};
      for (const row of byGrid.get(gridId) ?? []) {
        perLayer[row.layerId] ??= [];
        perLayer[row.layerId]?.push({ legacyId: row.legacyId, share: row.share });
      }
      for (const list of Object.values(perLayer)) list.sort((x, y) => byLegacyId(x.legacyId, y.legacyId));
      return perLayer;
    },
  };
}

// ── Unified layer from a base and edits ─────────────────────────────────────────────────────────

/**
 * An administrator's edit of the base layer. `replace` and `remove` name grids by the legacy id of
 * a base grid or the key of a grid an earlier edit made.
 */
export type UnifyEdit =
  | { replace: string[]; with: Area; key?: string; name?: string }
  | { remove: string }
  | { add: Area; name: string; key?: string };

/** A grid of the unified layer. */
export interface UnifiedGrid {
  /** The base grid's legacy id, the edit's key, the replaced ids joined by '+', or `new-<edit number>`. */
  key: string;
  name?: string;
  /** The base grids this grid replaces or continues. */
  legacyIds: string[];
  geometry: Area;
  areaM2: number;
}

/** Something the administrator should look at before accepting the unified layer. */
export type UnifyWarning =
  /** An edit named a grid that is not (or no longer) there. */
  | { kind: 'unknown_grid'; edit: number; id: string }
  /** Two grids overlapped; the later one (a later edit, or a later base grid) kept the common ground. */
  | { kind: 'overlap'; key: string; keptBy: string; areaM2: number }
  /** A grid has no ground left (all of it under later grids, or none to begin with) and was dropped. */
  | { kind: 'swallowed'; key: string }
  /** Trimming left a grid in several pieces. */
  | { kind: 'split'; key: string; pieces: number }
  /** Ground the base layer covered that no unified grid covers. */
  | { kind: 'uncovered'; geometry: Area; areaM2: number }
  /** Ground enclosed by unified grids that neither they nor the base covers. */
  | { kind: 'hole'; geometry: Area; areaM2: number };

export interface UnifyOptions {
  /** Gaps and grid remnants under this area (m²) are ignored. Default 100. */
  minGapM2?: number;
}

export interface UnifyResult {
  grids: UnifiedGrid[];
  warnings: UnifyWarning[];
}

/** A grid while the edits are applied; a later `order` wins where grids overlap. */
interface DraftGrid {
  key: string;
  name?: string;
  legacyIds: string[];
  shape: Shape;
  order: number;
}

function baseDrafts(base: readonly LayerFeature[]): DraftGrid[] {
  return base.map((feature, order) => ({
    key: feature.legacyId,
    ...(feature.name === undefined ? {} : { name: feature.name }),
    legacyIds: [feature.legacyId],
    shape: geo.toShape(feature.geometry),
    order,
  }));
}

const names = (grid: DraftGrid, id: string) => grid.key === id || grid.legacyIds.includes(id);

/** Takes out the grids an edit names; warns of names that match none. */
function takeOut(
  drafts: DraftGrid[],
  ids: readonly string[],
  edit: number,
  warnings: UnifyWarning[],
): DraftGrid[] {
  const taken: DraftGrid[] = [];
  for (const id of ids) {
    const found = drafts.filter((grid) => names(grid, id));
    if (found.length === 0) warnings.push({ kind: 'unknown_grid', edit, id });
    for (const grid of found) drafts.splice(drafts.indexOf(grid), 1);
    taken.push(...found);
  }
  return taken;
}

function applyEdit(drafts: DraftGrid[], edit: UnifyEdit, index: number, warnings: UnifyWarning[]): void {
  const order = drafts.reduce((most, grid) => Math.max(most, grid.order), -1) + 1;
  if ('remove' in edit) {
    takeOut(drafts, [edit.remove], index, warnings);
  } else if ('replace' in edit) {
    const replaced = takeOut(drafts, edit.replace, index, warnings);
    drafts.push({
      key: edit.key ?? edit.replace.join('+'),
      ...(edit.name === undefined ? {} : { name: edit.name }),
      legacyIds: [...new Set(replaced.flatMap((grid) => grid.legacyIds))],
      shape: geo.toShape(edit.with),
      order,
    });
  } else {
    drafts.push({
      key: edit.key ?? `new-${index + 1}`,
      name: edit.name,
      legacyIds: [],
      shape: geo.toShape(edit.add),
      order,
    });
  }
}

/** Cuts from each grid what later grids cover, so no two grids overlap; warns of each overlap. */
function trimOverlaps(drafts: readonly DraftGrid[], warnings: UnifyWarning[]): Shape[] {
  const searchDrafts = geo.indexBoxes(drafts.map((grid) => geo.boxOf(grid.shape)));
  return drafts.map((grid) => {
    const later = searchDrafts(geo.boxOf(grid.shape))
      .map((j) => drafts[j] as DraftGrid)
      .filter((other) => other.order > grid.order);
    for (const other of later) {
      const common = geo.areaM2(geo.intersect(grid.shape, other.shape));
      if (common >= geo.MIN_OVERLAP_M2)
        warnings.push({ kind: 'overlap', key: grid.key, keptBy: other.key, areaM2: common });
    }
    return geo.subtract(
      grid.shape,
      later.map((other) => other.shape),
    );
  });
}

/** The grids that keep ground after trimming, with warnings for those swallowed or split. */
function finishGrids(
  drafts: readonly DraftGrid[],
  trimmed: readonly Shape[],
  minM2: number,
  warnings: UnifyWarning[],
) {
  const grids: UnifiedGrid[] = [];
  drafts.forEach((grid, i) => {
    const pieces = geo.piecesOf(trimmed[i] ?? []).filter((piece) => geo.areaM2(piece) >= minM2);
    if (pieces.length === 0) {
      warnings.push({ kind: 'swallowed', key: grid.key });
      return;
    }
    if (pieces.length > 1) warnings.push({ kind: 'split', key: grid.key, pieces: pieces.length });
    const shape: Shape = pieces.flat();
    grids.push({
      key: grid.key,
      ...(grid.name === undefined ? {} : { name: grid.name }),
      legacyIds: grid.legacyIds,
      geometry: geo.toGeometry(shape),
      areaM2: geo.areaM2(shape),
    });
  });
  return grids;
}

function gapWarnings(kind: 'uncovered' | 'hole', shape: Shape, minM2: number): UnifyWarning[] {
  return geo
    .piecesOf(shape)
    .map((piece) => ({ piece, m2: geo.areaM2(piece) }))
    .filter(({ m2 }) => m2 >= minM2)
    .map(({ piece, m2 }) => ({ kind, geometry: geo.toGeometry(piece), areaM2: m2 }));
}

/** The holes of a shape's pieces, each as a shape. */
function holesOf(shape: Shape): Shape {
  return shape.flatMap((polygon) => polygon.slice(1).map((hole) => [hole]));
}

/** Builds the unified layer: the base grids, then each edit in turn; later edits win where grids overlap. */
export function unifyLayer(
  base: readonly LayerFeature[],
  edits: readonly UnifyEdit[],
  options: UnifyOptions = {},
): UnifyResult {
  const minM2 = options.minGapM2 ?? 100;
  const warnings: UnifyWarning[] = [];
  const drafts = baseDrafts(base);
  const baseCover = geo.unite(drafts.map((grid) => grid.shape));
  edits.forEach((edit, index) => {
    applyEdit(drafts, edit, index, warnings);
  });
  const grids = finishGrids(drafts, trimOverlaps(drafts, warnings), minM2, warnings);
  const unifiedCover = geo.unite(grids.map((grid) => geo.toShape(grid.geometry)));
  warnings.push(
    ...gapWarnings('uncovered', geo.subtract(baseCover, [unifiedCover]), minM2),
    ...gapWarnings('hole', geo.subtract(holesOf(unifiedCover), [baseCover]), minM2),
  );
  return { grids, warnings };
}
