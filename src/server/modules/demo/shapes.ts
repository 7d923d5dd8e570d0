/**
 * Building blocks for the demo polygons: quadrilaterals subdivided into smaller quadrilaterals that
 * tile their parent exactly (shared corners are the very same numbers, points on a parent's edge lie
 * on that edge), with a little seeded jitter so the map does not look like graph paper.
 */
import type { Polygon, Position } from '../areas/geometry.ts';

/** Corners counter-clockwise from the south-west: [SW, SE, NE, NW], each [lng, lat]. */
export type Quad = readonly [Position, Position, Position, Position];

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same demo (polygons, households, the
 * year of history) on every machine.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An axis-aligned rectangle as a quad. */
export function rect(west: number, south: number, east: number, north: number): Quad {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
  ];
}

function lerp(a: Position, b: Position, t: number): Position {
  if (t === 0) return [a[0] as number, a[1] as number];
  if (t === 1) return [b[0] as number, b[1] as number];
  const ax = a[0] as number;
  const ay = a[1] as number;
  return [ax + ((b[0] as number) - ax) * t, ay + ((b[1] as number) - ay) * t];
}

/** The point at (u, v) ∈ [0, 1]² of a quad: u runs west → east, v south → north. */
export function pointInQuad(quad: Quad, u: number, v: number): Position {
  const [sw, se, ne, nw] = quad;
  if (v === 0) return lerp(sw, se, u);
  if (v === 1) return lerp(nw, ne, u);
  if (u === 0) return lerp(sw, nw, v);
  if (u === 1) return lerp(se, ne, v);
  return lerp(lerp(sw, se, u), lerp(nw, ne, u), v);
}

/**
 * Cuts a quad into `cols × rows` quads in reading order (north-west first, row by row). Inner lattice
 * points move by up to `jitter` of a cell; points on the parent's edges only slide along the edge;
 * the corners stay put. Together the cells cover the parent exactly, without overlap.
 */
export function subdivideQuad(
  quad: Quad,
  cols: number,
  rows: number,
  jitter: number,
  random: () => number,
): Quad[] {
  const shake = (i: number, n: number) =>
    i === 0 || i === n ? i / n : (i + (random() * 2 - 1) * jitter) / n;
  const lattice: Position[][] = [];
  for (let j = 0; j <= rows; j++) {
    const line: Position[] = [];
    for (let i = 0; i <= cols; i++) line.push(pointInQuad(quad, shake(i, cols), shake(j, rows)));
    lattice.push(line);
  }
  const at = (i: number, j: number) => (lattice[j] as Position[])[i] as Position;
  const cells: Quad[] = [];
  for (let j = rows - 1; j >= 0; j--) {
    for (let i = 0; i < cols; i++) cells.push([at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)]);
  }
  return cells;
}

/** A closed counter-clockwise ring from corners. */
export function closedRing(corners: readonly Position[]): Position[] {
  return [
    ...corners.map((p) => [p[0] as number, p[1] as number]),
    [corners[0]?.[0] as number, corners[0]?.[1] as number],
  ];
}

/** A quad as a GeoJSON polygon. */
export function quadPolygon(quad: Quad): Polygon {
  return { type: 'Polygon', coordinates: [closedRing(quad)] };
}

/** The mean of a quad's corners: inside it, as every demo quad is convex. */
export function quadCentre(quad: Quad): Position {
  const lng = quad.reduce((s, p) => s + (p[0] as number), 0) / 4;
  const lat = quad.reduce((s, p) => s + (p[1] as number), 0) / 4;
  return [lng, lat];
}
