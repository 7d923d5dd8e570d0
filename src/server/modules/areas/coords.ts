/**
 * GCJ-02 ⇄ WGS-84 (SPEC §1 "Coordinates"). Phones and WeChat mini-programs in China report GCJ-02
 * (国测局坐标, the obfuscated "Mars" datum); Zhizhi stores WGS-84/CGCS2000 and converts at the edge.
 * The forward transform is the published Krasovsky-ellipsoid formula; the inverse has no closed form
 * and is found by fixed-point iteration.
 */

/** A longitude/latitude pair in degrees. */
export interface LngLat {
  lng: number;
  lat: number;
}

/** Semi-major axis of the Krasovsky 1940 ellipsoid the GCJ-02 formula uses. */
const A = 6378245.0;
/** Its first eccentricity squared. */
const EE = 0.006693421622965943;

/** Precision of the inverse, in degrees (≈ 1 mm on the ground). */
const INVERSE_TOLERANCE = 1e-9;
const INVERSE_MAX_ITERATIONS = 30;

/** GCJ-02 only shifts points inside China's rough bounding box; everything else is left as it is. */
export function isOutsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** The GCJ-02 offset at a WGS-84 point (inside China). */
function offset(lng: number, lat: number): LngLat {
  const radLat = (lat / 180.0) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (transformLat(lng - 105.0, lat - 35.0) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng =
    (transformLng(lng - 105.0, lat - 35.0) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: dLng, lat: dLat };
}

/** WGS-84 → GCJ-02. Points outside China are returned unchanged. */
export function wgs84ToGcj02(lng: number, lat: number): LngLat {
  if (isOutsideChina(lng, lat)) return { lng, lat };
  const d = offset(lng, lat);
  return { lng: lng + d.lng, lat: lat + d.lat };
}

/**
 * GCJ-02 → WGS-84, by iterating `wgs ← wgs − (forward(wgs) − gcj)` until the forward transform
 * reproduces the input to within 1e-9° (the offset varies slowly, so it converges in a few steps).
 * Points outside China are returned unchanged.
 */
export function gcj02ToWgs84(lng: number, lat: number): LngLat {
  if (isOutsideChina(lng, lat)) return { lng, lat };
  let wLng = lng;
  let wLat = lat;
  for (let i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
    const g = wgs84ToGcj02(wLng, wLat);
    const dLng = g.lng - lng;
    const dLat = g.lat - lat;
    if (Math.abs(dLng) < INVERSE_TOLERANCE && Math.abs(dLat) < INVERSE_TOLERANCE) break;
    wLng -= dLng;
    wLat -= dLat;
  }
  return { lng: wLng, lat: wLat };
}
