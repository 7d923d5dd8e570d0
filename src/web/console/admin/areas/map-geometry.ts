/**
 * Plain geometry for the area map: bounding boxes to fit the view to, a point to hang a name on,
 * and the GeoJSON the map draws. Pure, so it is tested without a browser.
 */
import type { AreaGeometry } from '../../../shared/resources/areas.ts';

/** [west, south, east, north] in WGS-84 degrees. */
export type Bounds = [number, number, number, number];

/** Every outer ring of a Polygon or MultiPolygon. */
function outerRings(geometry: AreaGeometry): number[][][] {
  if (geometry.type === 'Polygon') return geometry.coordinates.slice(0, 1);
  return geometry.coordinates.map((polygon) => polygon[0]).filter((ring) => ring !== undefined);
}

/** The bounding box of several geometries together, or undefined when there are none. */
export function boundsOf(geometries: readonly AreaGeometry[]): Bounds | undefined {
  let box: Bounds | undefined;
  for (const geometry of geometries) {
    for (const ring of outerRings(geometry)) {
      for (const [lng, lat] of ring) {
        if (lng === undefined || lat === undefined) continue;
        box = box
          ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)]
          : [lng, lat, lng, lat];
      }
    }
  }
  return box;
}

/** Where to write an area's name: the mean of the vertices of its largest outer ring. */
export function labelPoint(geometry: AreaGeometry): [number, number] | undefined {
  const ring = outerRings(geometry).sort((a, b) => b.length - a.length)[0];
  if (!ring || ring.length === 0) return undefined;
  // A closed ring repeats its first vertex last; count it once.
  const vertices = ring.length > 1 ? ring.slice(0, -1) : ring;
  let lng = 0;
  let lat = 0;
  for (const [x = 0, y = 0] of vertices) {
    lng += x;
    lat += y;
  }
  return [lng / vertices.length, lat / vertices.length];
}

/** A shape the map draws: an area's id and name with its polygon. */
export interface MapShape {
  id: string;
  name: string;
  geometry: AreaGeometry;
}

/** The GeoJSON FeatureCollection of shapes; `shade` (0–5) gives neighbours different fills. */
export function featureCollection(shapes: readonly MapShape[]) {
  return {
    type: 'FeatureCollection' as const,
    features: shapes.map((shape, i) => ({
      type: 'Feature' as const,
      id: i,
      properties: { id: shape.id, name: shape.name, shade: i % 6 },
      geometry: shape.geometry,
    })),
  };
}
