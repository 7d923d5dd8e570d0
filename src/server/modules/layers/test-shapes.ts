/**
 * Hand-made grids near Wushen Banner (乌审旗, lng ≈ 108.8, lat ≈ 38.6) for the layer tests, and the
 * exact area of a longitude/latitude rectangle on the sphere to check m² against by hand.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerFeature } from './feature.ts';

export const LNG = 108.8;
export const LAT = 38.6;

/** The sphere @turf/area measures on (WGS-84 semi-major axis), m. */
const EARTH_RADIUS_M = 6378137;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** A west, south, east, north rectangle as a closed ring (counter-clockwise). */
export function ring(west: number, south: number, east: number, north: number): number[][] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

/** An axis-aligned rectangle, `width` × `height` degrees, with its south-west corner at (west, south). */
export function rectangle(west: number, south: number, width: number, height = width): Polygon {
  return { type: 'Polygon', coordinates: [ring(west, south, west + width, south + height)] };
}

/** Area of a longitude/latitude rectangle on the sphere: R² · Δλ · (sin φ₂ − sin φ₁), in m². */
export function rectangleM2(width: number, south: number, height: number): number {
  return EARTH_RADIUS_M ** 2 * rad(width) * (Math.sin(rad(south + height)) - Math.sin(rad(south)));
}

export function feature(legacyId: string, geometry: Polygon | MultiPolygon): LayerFeature {
  return { legacyId, geometry, attributes: {} };
}

/** A `columns` × `rows` lattice of square grids of `size` degrees, ids "c-r", starting at (west, south). */
export function lattice(
  west: number,
  south: number,
  columns: number,
  rows: number,
  size: number,
): LayerFeature[] {
  const features: LayerFeature[] = [];
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) {
      features.push(feature(`${c}-${r}`, rectangle(west + c * size, south + r * size, size)));
    }
  }
  return features;
}

/** The first position of a feature's first ring. */
export function firstVertex(feature: LayerFeature | undefined): number[] {
  if (!feature) return [];
  const { geometry } = feature;
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return ring?.[0] ?? [];
}
