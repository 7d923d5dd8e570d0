/**
 * The checks every imported grid passes whatever its file format (图层校验): each ring closed, at
 * least 4 positions, finite coordinates inside China; legacy ids unique within the layer. A
 * problem is reported as data, and the parser names where it is (feature or sheet row).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { isOutsideChina } from '../areas/coords.ts';

/** What can be wrong with one grid's geometry. */
export type GeometryProblem =
  | { problem: 'bad_coordinate' }
  | { problem: 'ring_not_closed' }
  | { problem: 'ring_too_short' }
  | { problem: 'outside_china'; lng: number; lat: number };

/** A closed ring has at least this many positions (a triangle and its closing point). */
export const MIN_RING_POSITIONS = 4;

function isLngLat(p: unknown): p is [number, number] {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1])
  );
}

function ringProblem(ring: Position[]): GeometryProblem | undefined {
  if (!Array.isArray(ring) || !ring.every(isLngLat)) return { problem: 'bad_coordinate' };
  if (ring.length < MIN_RING_POSITIONS) return { problem: 'ring_too_short' };
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return { problem: 'ring_not_closed' };
  const outside = ring.find(([lng, lat]) => isOutsideChina(lng as number, lat as number));
  if (outside) return { problem: 'outside_china', lng: outside[0] as number, lat: outside[1] as number };
  return undefined;
}

/** The polygons of a geometry, each a list of rings. */
export function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The first problem of a polygon's rings (WGS-84 or GCJ-02 degrees), or undefined when it is sound. */
export function geometryProblem(geometry: Polygon | MultiPolygon): GeometryProblem | undefined {
  const polygons = polygonsOf(geometry);
  if (!Array.isArray(polygons) || polygons.length === 0) return { problem: 'ring_too_short' };
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { problem: 'ring_too_short' };
    for (const ring of polygon) {
      const problem = ringProblem(ring);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The first legacy id used twice, with the positions (as the caller numbers them) of both uses. */
export function firstDuplicateId(
  items: readonly { legacyId: string; position: number }[],
): { id: string; first: number; second: number } | undefined {
  const seen = new Map<string, number>();
  for (const { legacyId, position } of items) {
    const first = seen.get(legacyId);
    if (first !== undefined) return { id: legacyId, first, second: position };
    seen.set(legacyId, position);
  }
  return undefined;
}
