/**
 * Plane clipping and geodesic area for comparing grid layers (多网合一): polygons as polyclip-ts
 * shapes (a list of polygons, each a list of [lng, lat] rings, outer first), areas in m² by
 * @turf/area, and a bounding-box pre-filter (flatbush) so two layers of thousands of grids do not
 * clip every pair.
 */
import { area } from '@turf/area';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { difference, intersection, union } from 'polyclip-ts';

/** One [lng, lat] vertex. */
export type Vertex = [number, number];
/** Polygons of [lng, lat] rings (outer ring first, then holes), as polyclip-ts takes and returns them. */
export type Shape = Vertex[][][];
/** [minLng, minLat, maxLng, maxLat]. */
export type Box = [number, number, number, number];

/**
 * Coordinates are snapped to this step (degrees, ≈ 0.1 mm) when read, so grids drawn edge to edge
 * whose shared edge differs only by floating-point noise (38.6 + 2 × 0.01 ≠ 38.61 + 0.01) meet
 * exactly instead of leaving hairline gaps or overlaps.
 */
const SNAP = 1e9;
const snap = (degrees: number) => Math.round(degrees * SNAP) / SNAP;

/**
 * Overlaps smaller than this (m²) are floating-point noise between grids drawn edge to edge, not
 * overlaps: far below any digitising mismatch.
 */
export const MIN_OVERLAP_M2 = 0.01;

const EMPTY_BOX: Box = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];

function isFiniteVertex(position: Position): boolean {
  return Number.isFinite(position[0]) && Number.isFinite(position[1]);
}

/**
 * A ring as closed 2-D vertices, or null when it cannot bound an area (fewer than three distinct
 * vertices, or a non-finite coordinate): such rings are left out rather than failing the clip.
 */
function cleanRing(ring: Position[]): Vertex[] | null {
  if (!ring.every(isFiniteVertex)) return null;
  const vertices = ring.map((p): Vertex => [snap(p[0] as number), snap(p[1] as number)]);
  const distinct = new Set(vertices.map(([x, y]) => `${x},${y}`));
  if (distinct.size < 3) return null;
  const first = vertices[0] as Vertex;
  const last = vertices[vertices.length - 1] as Vertex;
  if (first[0] !== last[0] || first[1] !== last[1]) vertices.push([first[0], first[1]]);
  return vertices;
}

/** A GeoJSON Polygon or MultiPolygon as a shape, snapped; degenerate rings and polygons are dropped. */
export function toShape(geometry: Polygon | MultiPolygon): Shape {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const shape: Shape = [];
  for (const rings of polygons) {
    const outer = rings[0] ? cleanRing(rings[0]) : null;
    if (!outer) continue;
    const holes = rings.slice(1).map(cleanRing);
    shape.push([outer, ...holes.filter((hole): hole is Vertex[] => hole !== null)]);
  }
  return shape;
}

/** A shape as GeoJSON: a Polygon when it has one piece, else a MultiPolygon (empty when it has none). */
export function toGeometry(shape: Shape): Polygon | MultiPolygon {
  if (shape.length === 1) return { type: 'Polygon', coordinates: shape[0] as Vertex[][] };
  return { type: 'MultiPolygon', coordinates: shape };
}

/** Geodesic area in m² (holes subtracted). */
export function areaM2(shape: Shape): number {
  if (shape.length === 0) return 0;
  return area({ type: 'MultiPolygon', coordinates: shape });
}

/** What a and b both cover. */
export function intersect(a: Shape, b: Shape): Shape {
  if (a.length === 0 || b.length === 0) return [];
  return intersection(a, b);
}

/** What any of the shapes covers (also resolves a shape's self-overlaps). */
export function unite(shapes: readonly Shape[]): Shape {
  const nonEmpty = shapes.filter((shape) => shape.length > 0);
  const [first, ...rest] = nonEmpty;
  if (!first) return [];
  return union(first, ...rest);
}

/** What `shape` covers and none of `others` does. */
export function subtract(shape: Shape, others: readonly Shape[]): Shape {
  const nonEmpty = others.filter((other) => other.length > 0);
  if (shape.length === 0 || nonEmpty.length === 0) return shape;
  return difference(shape, ...nonEmpty);
}

/** Each piece (polygon with its holes) of a shape as a shape of its own. */
export function piecesOf(shape: Shape): Shape[] {
  return shape.map((polygon) => [polygon]);
}

/** The shape's bounding box over its outer rings (NaN for an empty shape, which meets nothing). */
export function boxOf(shape: Shape): Box {
  if (shape.length === 0) return EMPTY_BOX;
  const box: Box = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const polygon of shape) {
    for (const [x, y] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

/** Whether two boxes share an area (boxes that only touch along an edge or corner do not). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Finds, for a query box, the indexes of the indexed boxes that share an area with it. */
export type BoxSearch = (box: Box) => number[];

/** A packed R-tree over the boxes (empty shapes' NaN boxes are never found). */
export function indexBoxes(boxes: readonly Box[]): BoxSearch {
  const valid = boxes.filter((box) => !Number.isNaN(box[0])).length;
  if (valid === 0) return () => [];
  const tree = new Flatbush(boxes.length);
  // Flatbush needs one entry per index: an empty shape gets a box far away that no query reaches.
  for (const box of boxes) {
    if (Number.isNaN(box[0])) tree.add(-1e9, -1e9, -1e9, -1e9);
    else tree.add(box[0], box[1], box[2], box[3]);
  }
  tree.finish();
  return (box) => {
    if (Number.isNaN(box[0])) return [];
    const found = tree.search(box[0], box[1], box[2], box[3]);
    return found.filter((i) => boxesOverlap(box, boxes[i] as Box)).sort((x, y) => x - y);
  };
}

/**
 * The pre-filter: pairs (i, j) of a's and b's boxes that share an area, the only pairs whose shapes
 * can overlap. Two layers of n grids each yield a few times n pairs, not n².
 */
export function candidatePairs(boxesA: readonly Box[], boxesB: readonly Box[]): [number, number][] {
  const searchB = indexBoxes(boxesB);
  const pairs: [number, number][] = [];
  boxesA.forEach((box, i) => {
    for (const j of searchB(box)) pairs.push([i, j]);
  });
  return pairs;
}
