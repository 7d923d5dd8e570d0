/**
 * Refuses self-intersecting polygons (a bowtie, a hole crossing its outer ring): their area, their
 * inside and every check built on them would be meaningless. Edges meet only where they share an end
 * point; a proper crossing anywhere else is an error. Sub-quadratic: each edge is tested only against
 * the edges whose boxes meet its box (edge-index.ts).
 */
import { badRequest } from '../../platform/errors.ts';
import { type IndexedEdge, prepare } from './edge-index.ts';
import type { AreaGeometry, Position } from './geometry.ts';
import { segmentsCross } from './polygon-math.ts';

const x = (p: Position) => p[0] as number;
const y = (p: Position) => p[1] as number;

/** Where a ring number falls: its polygon and its index among that polygon's rings. */
function ringPlaces(geometry: AreaGeometry): { polygon: number; ring: number }[] {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return rings.flatMap((polygon, p) => polygon.map((_, r) => ({ polygon: p, ring: r })));
}

/**
 * Throws 400 when a ring of the geometry crosses itself or another ring of the same polygon,
 * naming the ring (`polygon.coordinates[0]`, or `polygon.coordinates[1][0]` in a MultiPolygon) and
 * where the crossing is.
 */
export function assertSimpleGeometry(geometry: AreaGeometry, field = 'polygon'): void {
  const g = prepare(geometry);
  const places = ringPlaces(geometry);
  const ringField = (ring: number) => {
    const place = places[ring] as { polygon: number; ring: number };
    return geometry.type === 'Polygon'
      ? `${field}.coordinates[${place.ring}]`
      : `${field}.coordinates[${place.polygon}][${place.ring}]`;
  };
  g.edges.forEach((e, i) => {
    const minX = Math.min(x(e.from), x(e.to));
    const minY = Math.min(y(e.from), y(e.to));
    const maxX = Math.max(x(e.from), x(e.to));
    const maxY = Math.max(y(e.from), y(e.to));
    for (const j of g.search(minX, minY, maxX, maxY)) {
      if (j <= i) continue;
      const f = g.edges[j] as IndexedEdge;
      if (f.polygon !== e.polygon || !segmentsCross(e.from, e.to, f.from, f.to)) continue;
      const at = `${x(e.from)},${y(e.from)}–${x(e.to)},${y(e.to)}`;
      const [first, second] = e.ring <= f.ring ? [e, f] : [f, e];
      if (first.ring === second.ring)
        throw badRequest(ringField(first.ring), 'geo.ring_self_intersects', { edge: at });
      throw badRequest(ringField(second.ring), 'geo.rings_cross', {
        edge: at,
        other: (places[first.ring] as { ring: number }).ring,
      });
    }
  });
}
