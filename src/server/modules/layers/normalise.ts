/**
 * The last step of every parser: a grid read from the file, with where it was (feature number or
 * sheet row), checked (validate.ts), its legacy ids checked for duplicates and its coordinates
 * brought to WGS-84 — or a 400 naming the place and the problem.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { AppError } from '../../platform/errors.ts';
import { type LayerCrs, toWgs84 } from './coordinates.ts';
import type { AttributeValue, LayerFeature } from './feature.ts';
import { type LayerProblem, layerError } from './import-error.ts';
import { firstDuplicateId, type GeometryProblem, geometryProblem } from './validate.ts';

/** How a file counts its grids: GeoJSON features and Shapefile records, or Excel sheet rows. */
export type Locator = 'feature' | 'row';

/** One grid as a parser read it, before the checks. */
export interface RawGrid {
  /** 1-based feature/record number, or the sheet row number. */
  position: number;
  legacyId: string;
  name?: string | undefined;
  geometry: Polygon | MultiPolygon;
  attributes: Record<string, AttributeValue>;
}

const KEYS: Record<Locator, Record<GeometryProblem['problem'] | 'duplicate_id', LayerProblem>> = {
  feature: {
    bad_coordinate: 'layer.feature_bad_coordinate',
    ring_not_closed: 'layer.feature_ring_not_closed',
    ring_too_short: 'layer.feature_ring_too_short',
    outside_china: 'layer.feature_outside_china',
    duplicate_id: 'layer.feature_duplicate_id',
  },
  row: {
    bad_coordinate: 'layer.row_bad_coordinate',
    ring_not_closed: 'layer.row_ring_not_closed',
    ring_too_short: 'layer.row_ring_too_short',
    outside_china: 'layer.row_outside_china',
    duplicate_id: 'layer.row_duplicate_id',
  },
};

/** The 400 for a geometry problem of the grid at `position`. */
export function geometryError(locator: Locator, position: number, found: GeometryProblem): AppError {
  const { problem, ...where } = found;
  return layerError(KEYS[locator][problem], { [locator]: position, ...where });
}

/** The grids checked and in WGS-84; the first problem is thrown. */
export function normaliseGrids(grids: readonly RawGrid[], locator: Locator, crs: LayerCrs): LayerFeature[] {
  if (grids.length === 0) throw layerError('layer.empty');
  for (const grid of grids) {
    const problem = geometryProblem(grid.geometry);
    if (problem) throw geometryError(locator, grid.position, problem);
  }
  const duplicate = firstDuplicateId(grids);
  if (duplicate) throw layerError(KEYS[locator].duplicate_id, duplicate);
  return grids.map((g) => ({
    legacyId: g.legacyId,
    ...(g.name ? { name: g.name } : {}),
    geometry: toWgs84(g.geometry, crs),
    attributes: g.attributes,
  }));
}
