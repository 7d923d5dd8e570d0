/**
 * The GeoJSON geometry an area carries (WGS-84, [lng, lat]) — minimal types of our own, structurally
 * the same as the `geojson` package's, so they pass straight to turf — and its validation.
 */
import { badRequest } from '../../platform/errors.ts';

/** [lng, lat] (a third element, altitude, is tolerated and ignored). */
export type Position = number[];

export interface Polygon {
  type: 'Polygon';
  /** Outer ring first, then holes; each ring closed (first position = last). */
  coordinates: Position[][];
}

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** An area's polygon. */
export type AreaGeometry = Polygon | MultiPolygon;

/**
 * Most vertices one area's geometry may have, over all its rings (each ring's closing repeat not
 * counted). Survey-grade boundaries of a grid have hundreds to a few thousand; the limit keeps one
 * request's work bounded and a body under the 1 MiB request limit.
 */
export const MAX_POLYGON_VERTICES = 20_000;

/** The polygons of a geometry, each as a list of rings (outer first). */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Bounding box [minLng, minLat, maxLng, maxLat] of a geometry's outer rings. */
export function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    for (const p of polygon[0] ?? []) {
      const x = p[0] as number;
      const y = p[1] as number;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Reads the stored `area.polygon` text; null when the area has none. */
export function parseGeometry(text: string | null): AreaGeometry | null {
  if (text === null) return null;
  return JSON.parse(text) as AreaGeometry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRing(ring: unknown, field: string): Position[] {
  if (!Array.isArray(ring)) throw badRequest(field, 'geo.ring_array');
  if (ring.length < 4) throw badRequest(field, 'geo.ring_min_positions');
  ring.forEach((position: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
      throw badRequest(at, 'geo.position');
    }
    if (!position.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw badRequest(at, 'geo.finite');
    }
    const [lng, lat] = position as number[];
    if ((lng as number) < -180 || (lng as number) > 180) throw badRequest(at, 'geo.longitude');
    if ((lat as number) < -90 || (lat as number) > 90) throw badRequest(at, 'geo.latitude');
  });
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw badRequest(field, 'geo.ring_not_closed');
  }
  return (ring as number[][]).map((p) => [p[0] as number, p[1] as number]);
}

function checkPolygonRings(rings: unknown, field: string): Position[][] {
  if (!Array.isArray(rings) || rings.length === 0) {
    throw badRequest(field, 'geo.rings_array');
  }
  return rings.map((ring, i) => checkRing(ring, `${field}[${i}]`));
}

/** Counts positions (rings' closing repeats left out) before anything else is looked at. */
function checkVertexCount(coordinates: unknown, field: string): void {
  let vertices = 0;
  const count = (value: unknown, depth: number): void => {
    if (!Array.isArray(value)) return;
    if (depth === 0) vertices += Math.max(0, value.length - 1);
    else for (const inner of value) count(inner, depth - 1);
  };
  if (Array.isArray(coordinates)) {
    // A Polygon's coordinates are rings (depth 1); a MultiPolygon's are polygons of rings (depth 2).
    const nested = Array.isArray(coordinates[0]?.[0]?.[0]);
    count(coordinates, nested ? 2 : 1);
  }
  if (vertices > MAX_POLYGON_VERTICES) {
    throw badRequest(field, 'geo.too_many_vertices', { count: vertices, limit: MAX_POLYGON_VERTICES });
  }
}

/**
 * Checks a GeoJSON Polygon or MultiPolygon geometry (at most MAX_POLYGON_VERTICES vertices, closed
 * rings of ≥ 4 positions, longitudes and latitudes in range) and returns a clean copy (2-D positions, no foreign members).
 * Bad input → 400 naming the field, e.g. `polygon.coordinates[0][3]`.
 */
export function validateGeometry(value: unknown, field = 'polygon'): AreaGeometry {
  if (!isRecord(value)) throw badRequest(field, 'geo.geometry_object');
  checkVertexCount(value.coordinates, `${field}.coordinates`);
  if (value.type === 'Polygon') {
    return { type: 'Polygon', coordinates: checkPolygonRings(value.coordinates, `${field}.coordinates`) };
  }
  if (value.type === 'MultiPolygon') {
    const polygons = value.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0) {
      throw badRequest(`${field}.coordinates`, 'geo.polygons_array');
    }
    return {
      type: 'MultiPolygon',
      coordinates: polygons.map((rings, i) => checkPolygonRings(rings, `${field}.coordinates[${i}]`)),
    };
  }
  throw badRequest(`${field}.type`, 'geo.geometry_type');
}
