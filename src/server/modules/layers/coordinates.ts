/**
 * Coordinate systems a department's file may be in (坐标系) and the conversion of a polygon to the
 * WGS-84 the store keeps. CGCS2000 geographic differs from WGS-84 by centimetres and is taken as
 * it is; GCJ-02 (国测局) is converted vertex by vertex.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { gcj02ToWgs84 } from '../areas/coords.ts';

export const LAYER_CRS = ['wgs84', 'cgcs2000', 'gcj02'] as const;
export type LayerCrs = (typeof LAYER_CRS)[number];

/** A polygon or multipolygon with each position passed through `convert`. */
export function mapPositions<G extends Polygon | MultiPolygon>(
  geometry: G,
  convert: (position: Position) => Position,
): G {
  const ring = (r: Position[]) => r.map(convert);
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(ring) };
  return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map(ring)) } as G;
}

/** The geometry in WGS-84, from the file's geographic coordinate system. */
export function toWgs84<G extends Polygon | MultiPolygon>(geometry: G, crs: LayerCrs): G {
  if (crs !== 'gcj02') return geometry;
  return mapPositions(geometry, ([lng, lat]) => {
    const p = gcj02ToWgs84(lng as number, lat as number);
    return [p.lng, p.lat];
  });
}
