/** Where a report is: the phone's GPS (WGS-84) and the grid that contains the point. */
import { ApiError, api, call } from '../../shared/api.ts';
import type { GpsPoint } from './exif.ts';

/** The grid found for a point: its name and the path above it, e.g. 乌审召镇 › 巴音敖包嘎查 › 一社. */
export interface GridFound {
  id: string;
  names: { zh: string; en: string; mn: string | null }[];
}

/** The phone's position, WGS-84 as the Geolocation API gives it. */
export function currentPosition(): Promise<GpsPoint> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('no GPS'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      (error) => reject(new Error(error.message || 'unavailable')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

/** The grid of a point, or null when no grid contains it. */
export async function lookupGrid(point: GpsPoint): Promise<GridFound | null> {
  try {
    const hit = await call(
      api.GET('/api/v1/grids/lookup', { params: { query: { lng: point.lng, lat: point.lat } } }),
    );
    const chain = [...hit.ancestors.filter((a) => a.kind !== 'banner'), hit.grid];
    return { id: hit.grid.id, names: chain.map((a) => ({ zh: a.nameZh, en: a.nameEn, mn: a.nameMn })) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
