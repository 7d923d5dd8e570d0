/**
 * A geometry prepared for many questions: every edge of every ring in a packed R-tree (flatbush), so
 * locating a point or finding the edges near a segment costs a tree search instead of a walk over all
 * edges. This is what keeps the area checks sub-quadratic on polygons of tens of thousands of
 * vertices (issue 7 #3).
 */
import Flatbush from 'flatbush';
import type { AreaGeometry, Position } from './geometry.ts';
import { polygonsOf } from './geometry.ts';

/** An edge from `from` to `to` of ring `ring` (numbered over the whole geometry) of polygon `polygon`. */
export interface IndexedEdge {
  from: Position;
  to: Position;
  ring: number;
  polygon: number;
  /** True for a polygon's outer ring, false for its holes. */
  outer: boolean;
}

/** A geometry with its edges indexed. */
export interface PreparedGeometry {
  geometry: AreaGeometry;
  edges: IndexedEdge[];
  /** Number of rings and polygons in the geometry. */
  rings: number;
  polygons: number;
  /** [minX, minY, maxX, maxY] over every edge. */
  box: [number, number, number, number];
  /** Indices into `edges` of the edges whose boxes meet the given box (touching counts). */
  search(minX: number, minY: number, maxX: number, maxY: number): number[];
}

const cache = new WeakMap<AreaGeometry, PreparedGeometry>();

/** The geometry's edge index, built once per geometry object and kept while the object lives. */
export function prepare(geometry: AreaGeometry): PreparedGeometry {
  const known = cache.get(geometry);
  if (known) return known;
  const edges: IndexedEdge[] = [];
  let ringNo = 0;
  polygonsOf(geometry).forEach((rings, polygon) => {
    rings.forEach((ring, i) => {
      for (let k = 0; k + 1 < ring.length; k++) {
        edges.push({
          from: ring[k] as Position,
          to: ring[k + 1] as Position,
          ring: ringNo,
          polygon,
          outer: i === 0,
        });
      }
      ringNo++;
    });
  });
  const box: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  let tree: Flatbush | undefined;
  if (edges.length > 0) {
    tree = new Flatbush(edges.length);
    for (const { from, to } of edges) {
      const minX = Math.min(from[0] as number, to[0] as number);
      const minY = Math.min(from[1] as number, to[1] as number);
      const maxX = Math.max(from[0] as number, to[0] as number);
      const maxY = Math.max(from[1] as number, to[1] as number);
      tree.add(minX, minY, maxX, maxY);
      if (minX < box[0]) box[0] = minX;
      if (minY < box[1]) box[1] = minY;
      if (maxX > box[2]) box[2] = maxX;
      if (maxY > box[3]) box[3] = maxY;
    }
    tree.finish();
  }
  const prepared: PreparedGeometry = {
    geometry,
    edges,
    rings: ringNo,
    polygons: polygonsOf(geometry).length,
    box,
    search: (minX, minY, maxX, maxY) => (tree ? tree.search(minX, minY, maxX, maxY) : []),
  };
  cache.set(geometry, prepared);
  return prepared;
}
