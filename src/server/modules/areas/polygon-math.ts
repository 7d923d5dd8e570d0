/**
 * Plane geometry on [lng, lat] rings, small and explicit, for the area checks: shoelace area,
 * segment crossing, point location with a boundary tolerance. Grid polygons are a few km across,
 * so treating degrees as a plane (with longitude scaled by cos(latitude) where area matters) is exact
 * enough to judge containment and overlap.
 */
import { type AreaGeometry, type Position, polygonsOf } from './geometry.ts';

/** Distance (in degrees, ≈ 0.1 mm) under which a point counts as lying on a line. */
export const EPSILON = 1e-9;

/** Kilometres per degree of latitude on a 6371 km sphere. */
const KM_PER_DEGREE = 111.19492664455873;

export type Location = 'inside' | 'boundary' | 'outside';

const x = (p: Position) => p[0] as number;
const y = (p: Position) => p[1] as number;

/** Twice the signed area of triangle abc: > 0 when a→b→c turns left (counter-clockwise). */
export function cross(a: Position, b: Position, c: Position): number {
  return (x(b) - x(a)) * (y(c) - y(a)) - (y(b) - y(a)) * (x(c) - x(a));
}

/** Signed area of a closed ring by the shoelace formula, in squared input units (> 0 counter-clockwise). */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += x(a) * y(b) - x(b) * y(a);
  }
  return sum / 2;
}

/** Area of a ring in km², longitude scaled by the cosine of the ring's mean latitude. */
function ringAreaKm2(ring: readonly Position[]): number {
  if (ring.length === 0) return 0;
  const meanLat = ring.reduce((s, p) => s + y(p), 0) / ring.length;
  const scale = Math.cos((meanLat * Math.PI) / 180) * KM_PER_DEGREE * KM_PER_DEGREE;
  return Math.abs(ringSignedArea(ring)) * scale;
}

/** Area of a Polygon or MultiPolygon in km² (outer rings minus holes). */
export function geometryAreaKm2(geometry: AreaGeometry): number {
  let total = 0;
  for (const rings of polygonsOf(geometry)) {
    rings.forEach((ring, i) => {
      total += i === 0 ? ringAreaKm2(ring) : -ringAreaKm2(ring);
    });
  }
  return total;
}

/** Distance from p to segment ab, in degrees. */
export function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = x(b) - x(a);
  const dy = y(b) - y(a);
  const lengthSq = dx * dx + dy * dy;
  const t =
    lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((x(p) - x(a)) * dx + (y(p) - y(a)) * dy) / lengthSq));
  return Math.hypot(x(p) - (x(a) + t * dx), y(p) - (y(a) + t * dy));
}

/** Which side of line ab point p lies on: 1 left, -1 right, 0 on the line (within EPSILON). */
function side(a: Position, b: Position, p: Position): number {
  const length = Math.hypot(x(b) - x(a), y(b) - y(a));
  const c = cross(a, b, p);
  if (length === 0 || Math.abs(c) / length < EPSILON) return 0;
  return c > 0 ? 1 : -1;
}

/**
 * True when segments ab and cd cross at a single point inside both (a proper crossing). Touching at
 * an end point, or running along each other, is not a crossing.
 */
export function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** Even–odd ray cast: is p inside the closed ring? (Points on the edge may go either way.) */
function insideRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i + 1 < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (y(a) > y(p) !== y(b) > y(p) && x(p) < ((x(b) - x(a)) * (y(p) - y(a))) / (y(b) - y(a)) + x(a)) {
      inside = !inside;
    }
  }
  return inside;
}

function onRing(p: Position, ring: readonly Position[]): boolean {
  for (let i = 0; i + 1 < ring.length; i++) {
    if (distanceToSegment(p, ring[i] as Position, ring[i + 1] as Position) < EPSILON) return true;
  }
  return false;
}

/** Where p lies relative to a polygon given as rings (outer first, then holes). */
export function locateInPolygon(p: Position, rings: readonly Position[][]): Location {
  if (rings.some((ring) => onRing(p, ring))) return 'boundary';
  const [outer, ...holes] = rings;
  if (!outer || !insideRing(p, outer)) return 'outside';
  return holes.some((hole) => insideRing(p, hole)) ? 'outside' : 'inside';
}

/** Where p lies relative to a Polygon or MultiPolygon. */
export function locate(p: Position, geometry: AreaGeometry): Location {
  let result: Location = 'outside';
  for (const rings of polygonsOf(geometry)) {
    const here = locateInPolygon(p, rings);
    if (here === 'inside') return 'inside';
    if (here === 'boundary') result = 'boundary';
  }
  return result;
}

/** Every edge [a, b] of every ring of a geometry. */
export function edgesOf(geometry: AreaGeometry): [Position, Position][] {
  const edges: [Position, Position][] = [];
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) edges.push([ring[i] as Position, ring[i + 1] as Position]);
    }
  }
  return edges;
}

/** Every vertex of every ring (the closing repeat left out). */
export function verticesOf(geometry: AreaGeometry): Position[] {
  return polygonsOf(geometry).flatMap((rings) => rings.flatMap((ring) => ring.slice(0, -1)));
}

/**
 * Points just inside a geometry, one beside the middle of each edge: what an interior looks like
 * near its boundary. Two shapes whose boundaries merely touch never share such a point.
 */
export function pointsJustInside(geometry: AreaGeometry): Position[] {
  const points: Position[] = [];
  for (const [a, b] of edgesOf(geometry)) {
    const length = Math.hypot(x(b) - x(a), y(b) - y(a));
    if (length === 0) continue;
    const step = Math.max(length * 1e-3, EPSILON * 10);
    const mx = (x(a) + x(b)) / 2;
    const my = (y(a) + y(b)) / 2;
    const nx = (-(y(b) - y(a)) / length) * step;
    const ny = ((x(b) - x(a)) / length) * step;
    for (const candidate of [
      [mx + nx, my + ny],
      [mx - nx, my - ny],
    ]) {
      if (locate(candidate, geometry) === 'inside') {
        points.push(candidate);
        break;
      }
    }
  }
  return points;
}

/** True when two bounding boxes [minX, minY, maxX, maxY] intersect (touching counts). */
export function boxesMeet(
  a: readonly [number, number, number, number],
  b: readonly [number, number, number, number],
): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** True when some edge of one geometry properly crosses an edge of the other. */
function boundariesCross(a: AreaGeometry, b: AreaGeometry): boolean {
  const edgesB = edgesOf(b);
  for (const [p, q] of edgesOf(a)) {
    for (const [r, s] of edgesB) {
      if (segmentsCross(p, q, r, s)) return true;
    }
  }
  return false;
}

/**
 * Is `inner` inside `outer` (sharing boundary allowed)? Every vertex and edge midpoint of `inner`
 * lies inside or on `outer`, no edges cross, and no hole of `outer` lies inside `inner`.
 */
export function geometryWithin(inner: AreaGeometry, outer: AreaGeometry): boolean {
  for (const v of verticesOf(inner)) if (locate(v, outer) === 'outside') return false;
  for (const [a, b] of edgesOf(inner)) {
    if (locate([(x(a) + x(b)) / 2, (y(a) + y(b)) / 2], outer) === 'outside') return false;
  }
  if (boundariesCross(inner, outer)) return false;
  for (const rings of polygonsOf(outer)) {
    for (const hole of rings.slice(1)) {
      if (hole.some((v) => locate(v, inner) === 'inside')) return false;
    }
  }
  return true;
}

/**
 * Do two geometries overlap with positive area? Sharing edges or corners is not overlap. Overlap shows
 * as a proper edge crossing, a vertex strictly inside the other shape, or a point just inside one
 * edge of one shape lying inside the other (this last catches identical or nested shapes).
 */
export function geometriesOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  if (boundariesCross(a, b)) return true;
  if (verticesOf(a).some((v) => locate(v, b) === 'inside')) return true;
  if (verticesOf(b).some((v) => locate(v, a) === 'inside')) return true;
  if (pointsJustInside(a).some((p) => locate(p, b) === 'inside')) return true;
  return pointsJustInside(b).some((p) => locate(p, a) === 'inside');
}
