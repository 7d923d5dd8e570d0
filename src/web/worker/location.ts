/** Where a report is: the phone's GPS fix, or the centre of the worker's grid (works with no fix). */
import type { AreaDetail } from './types.ts';

export interface Point {
  lng: number;
  lat: number;
}

/**
 * The average of the outer ring's corners — inside any convex grid (every demo grid is a convex
 * quadrilateral); the server checks the point falls in a grid of the reporter's area anyway.
 */
export function gridCentre(area: AreaDetail | undefined): Point | undefined {
  const polygon = area?.polygon;
  if (!polygon) return undefined;
  const ring = polygon.type === 'Polygon' ? polygon.coordinates[0] : polygon.coordinates[0]?.[0];
  if (!ring || ring.length < 2) return undefined;
  const corners = ring.slice(0, -1); // the ring is closed: the last position repeats the first
  const sum = corners.reduce((acc, p) => ({ lng: acc.lng + (p[0] ?? 0), lat: acc.lat + (p[1] ?? 0) }), {
    lng: 0,
    lat: 0,
  });
  const round = (n: number) => Math.round((n / corners.length) * 1e6) / 1e6;
  return { lng: round(sum.lng), lat: round(sum.lat) };
}

/** The phone's position (WGS-84 from the browser's geolocation). */
export function gpsFix(): Promise<Point> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(new Error('geolocation unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lng: pos.coords.longitude, lat: pos.coords.latitude }),
      (err) => reject(new Error(err.message)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}
