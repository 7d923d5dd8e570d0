/**
 * Plane geometry on [lng, lat] rings, small and explicit, for the area checks: shoelace area,
 * segment crossing, point location with a boundary tolerance. Grid polygons are a few km across,
 * so treating degrees as a plane (with longitude scaled by cos(latitude) where area matters) is exact
 * enough to judge containment and overlap.
 */
import { type IndexedEdge, prepare } from './edge-index.ts';
import { type AreaGeometry, type Position, polygonsOf } from './geometry.ts';
import { drain, type Steps } from './steps.ts';

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

/** True every 256th call on a counter: where the generators below pause. */
const PAUSE_EVERY = 255;

/**
 * Where p lies relative to a Polygon or MultiPolygon (a point inside any polygon is inside; one on
 * a ring of a polygon that does not contain it is on the boundary). Uses the geometry's edge index:
 * only the edges near p (for the boundary) and those crossing the ray from p to the east (for the
 * even–odd count) are looked at.
 */
export function locate(p: Position, geometry: AreaGeometry): Location {
  const g = prepare(geometry);
  const px = x(p);
  const py = y(p);
  const onBoundary = new Set<number>();
  const near = 2 * EPSILON;
  for (const i of g.search(px - near, py - near, px + near, py + near)) {
    const e = g.edges[i] as IndexedEdge;
    if (distanceToSegment(p, e.from, e.to) < EPSILON) onBoundary.add(e.polygon);
  }
  // Even–odd ray cast per ring, over the edges whose boxes meet the ray.
  const crossings = new Map<number, IndexedEdge>();
  const odd = new Set<number>();
  for (const i of g.search(px - EPSILON, py, g.box[2] + 1, py)) {
    const e = g.edges[i] as IndexedEdge;
    const a = e.to;
    const b = e.from;
    if (y(a) > py !== y(b) > py && px < ((x(b) - x(a)) * (py - y(a))) / (y(b) - y(a)) + x(a)) {
      crossings.set(e.ring, e);
      if (odd.has(e.ring)) odd.delete(e.ring);
      else odd.add(e.ring);
    }
  }
  const insideOuter = new Set<number>();
  const insideHole = new Set<number>();
  for (const ring of odd) {
    const e = crossings.get(ring) as IndexedEdge;
    (e.outer ? insideOuter : insideHole).add(e.polygon);
  }
  let result: Location = 'outside';
  for (let polygon = 0; polygon < g.polygons; polygon++) {
    if (onBoundary.has(polygon)) result = 'boundary';
    else if (insideOuter.has(polygon) && !insideHole.has(polygon)) return 'inside';
  }
  return result;
}

/** Every edge [a, b] of every ring of a geometry. */
export function edgesOf(geometry: AreaGeometry): [Position, Position][] {
  return prepare(geometry).edges.map((e) => [e.from, e.to]);
}

/** Every vertex of every ring (the closing repeat left out). */
export function verticesOf(geometry: AreaGeometry): Position[] {
  return polygonsOf(geometry).flatMap((rings) => rings.flatMap((ring) => ring.slice(0, -1)));
}

/** A point just inside `geometry` beside the middle of edge ab, or undefined when neither side is. */
function pointJustInside(a: Position, b: Position, geometry: AreaGeometry): Position | undefined {
  const length = Math.hypot(x(b) - x(a), y(b) - y(a));
  if (length === 0) return undefined;
  const step = Math.max(length * 1e-3, EPSILON * 10);
  const mx = (x(a) + x(b)) / 2;
  const my = (y(a) + y(b)) / 2;
  const nx = (-(y(b) - y(a)) / length) * step;
  const ny = ((x(b) - x(a)) / length) * step;
  for (const candidate of [
    [mx + nx, my + ny],
    [mx - nx, my - ny],
  ]) {
    if (locate(candidate, geometry) === 'inside') return candidate;
  }
  return undefined;
}

/**
 * Points just inside a geometry, one beside the middle of each edge: what an interior looks like
 * near its boundary. Two shapes whose boundaries merely touch never share such a point.
 */
export function pointsJustInside(geometry: AreaGeometry): Position[] {
  const points: Position[] = [];
  for (const e of prepare(geometry).edges) {
    const point = pointJustInside(e.from, e.to, geometry);
    if (point) points.push(point);
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

/**
 * True when some edge of one geometry properly crosses an edge of the other: each edge of the
 * geometry with fewer edges is tested against the edges of the other whose boxes meet its box.
 */
function* boundariesCross(a: AreaGeometry, b: AreaGeometry): Steps<boolean> {
  const pa = prepare(a);
  const pb = prepare(b);
  const [few, many] = pa.edges.length <= pb.edges.length ? [pa, pb] : [pb, pa];
  let n = 0;
  for (const e of few.edges) {
    if ((++n & PAUSE_EVERY) === 0) yield;
    const minX = Math.min(x(e.from), x(e.to));
    const minY = Math.min(y(e.from), y(e.to));
    const maxX = Math.max(x(e.from), x(e.to));
    const maxY = Math.max(y(e.from), y(e.to));
    for (const i of many.search(minX, minY, maxX, maxY)) {
      const f = many.edges[i] as IndexedEdge;
      if (segmentsCross(e.from, e.to, f.from, f.to)) return true;
    }
  }
  return false;
}

/** `geometryWithin` as steps that pause now and then (see steps.ts). */
export function* geometryWithinSteps(inner: AreaGeometry, outer: AreaGeometry): Steps<boolean> {
  let n = 0;
  for (const v of verticesOf(inner)) {
    if ((++n & PAUSE_EVERY) === 0) yield;
    if (locate(v, outer) === 'outside') return false;
  }
  for (const { from: a, to: b } of prepare(inner).edges) {
    if ((++n & PAUSE_EVERY) === 0) yield;
    if (locate([(x(a) + x(b)) / 2, (y(a) + y(b)) / 2], outer) === 'outside') return false;
  }
  if (yield* boundariesCross(inner, outer)) return false;
  for (const rings of polygonsOf(outer)) {
    for (const hole of rings.slice(1)) {
      for (const v of hole) {
        if ((++n & PAUSE_EVERY) === 0) yield;
        if (locate(v, inner) === 'inside') return false;
      }
    }
  }
  return true;
}

/**
 * Is `inner` inside `outer` (sharing boundary allowed)? Every vertex and edge midpoint of `inner`
 * lies inside or on `outer`, no edges cross, and no hole of `outer` lies inside `inner`.
 */
export function geometryWithin(inner: AreaGeometry, outer: AreaGeometry): boolean {
  return drain(geometryWithinSteps(inner, outer));
}

/** `geometriesOverlap` as steps that pause now and then (see steps.ts). */
export function* geometriesOverlapSteps(a: AreaGeometry, b: AreaGeometry): Steps<boolean> {
  if (yield* boundariesCross(a, b)) return true;
  let n = 0;
  for (const [one, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const v of verticesOf(one)) {
      if ((++n & PAUSE_EVERY) === 0) yield;
      if (locate(v, other) === 'inside') return true;
    }
  }
  for (const [one, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const e of prepare(one).edges) {
      if ((++n & PAUSE_EVERY) === 0) yield;
      const p = pointJustInside(e.from, e.to, one);
      if (p && locate(p, other) === 'inside') return true;
    }
  }
  return false;
}

/**
 * Do two geometries overlap with positive area? Sharing edges or corners is not overlap. Overlap shows
 * as a proper edge crossing, a vertex strictly inside the other shape, or a point just inside one
 * edge of one shape lying inside the other (this last catches identical or nested shapes).
 */
export function geometriesOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  return drain(geometriesOverlapSteps(a, b));
}
