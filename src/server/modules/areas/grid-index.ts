/**
 * The spatial index behind `gridOf(point)` (SPEC §1: every report lands in its grid by
 * point-in-polygon lookup): a packed Hilbert R-tree (flatbush) over the grids' bounding boxes, then
 * an exact point-in-polygon test on the few candidates.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import { type AreaGeometry, bboxOf } from './geometry.ts';

export interface IndexedGrid {
  id: string;
  /** Tree depth: a micro-grid (4) inside a community grid (3) wins over it. */
  depth: number;
  geometry: AreaGeometry;
}

export interface GridIndex {
  /** Number of grids in the index. */
  size: number;
  /**
   * The id of the deepest grid containing the WGS-84 point, or undefined when no grid does. A point
   * on an edge shared by grids of the same depth goes to the grid with the smallest id, so the
   * answer never depends on load order.
   */
  gridOf(lng: number, lat: number): string | undefined;
}

const EMPTY_INDEX: GridIndex = { size: 0, gridOf: () => undefined };

/** Builds the index; 100,000 grids take well under a second. */
export function buildGridIndex(grids: readonly IndexedGrid[]): GridIndex {
  if (grids.length === 0) return EMPTY_INDEX;
  const tree = new Flatbush(grids.length);
  for (const grid of grids) {
    const [minX, minY, maxX, maxY] = bboxOf(grid.geometry);
    tree.add(minX, minY, maxX, maxY);
  }
  tree.finish();
  return {
    size: grids.length,
    gridOf(lng, lat) {
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return undefined;
      let best: IndexedGrid | undefined;
      for (const i of tree.search(lng, lat, lng, lat)) {
        const grid = grids[i] as IndexedGrid;
        if (best && (grid.depth < best.depth || (grid.depth === best.depth && grid.id > best.id))) continue;
        if (booleanPointInPolygon([lng, lat], grid.geometry)) best = grid;
      }
      return best?.id;
    },
  };
}
