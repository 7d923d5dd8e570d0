import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, isOutsideChina, wgs84ToGcj02 } from './coords.ts';

// Reference pairs [wgsLat, wgsLng, gcjLat, gcjLng] from the eviltransform project's tests, an
// independent implementation of the same published formula.
const REFERENCE = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // Shanghai
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // Shenzhen
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // Beijing
] as const;

describe('GCJ-02 ⇄ WGS-84', () => {
  it('matches reference pairs from WGS-84 to GCJ-02', () => {
    for (const [wLat, wLng, gLat, gLng] of REFERENCE) {
      const g = wgs84ToGcj02(wLng, wLat);
      expect(g.lng).toBeCloseTo(gLng, 9);
      expect(g.lat).toBeCloseTo(gLat, 9);
    }
  });

  it('shifts Tiananmen by the expected few hundred metres', () => {
    // The commonly quoted pair WGS 116.397428,39.90923 → GCJ ≈ 116.403672,39.910629; computed, the
    // latitude is 39.9106335 (the quoted value is off by half a metre).
    const g = wgs84ToGcj02(116.397428, 39.90923);
    expect(g.lng).toBeCloseTo(116.403672, 5);
    expect(g.lat).toBeCloseTo(39.9106335, 6);
  });

  it('inverts the shift to better than 1e-7° anywhere in China', () => {
    for (const [lng, lat] of [
      [108.84, 38.6], // Galutu, the seat of Wushen Banner
      [121.5, 31.2],
      [87.6, 43.8],
      [126.6, 45.7],
      [110.3, 20.0],
      [91.1, 29.65],
    ] as const) {
      const g = wgs84ToGcj02(lng, lat);
      expect(Math.hypot(g.lng - lng, g.lat - lat)).toBeGreaterThan(1e-4); // a real shift
      const back = gcj02ToWgs84(g.lng, g.lat);
      expect(Math.abs(back.lng - lng)).toBeLessThan(1e-7);
      expect(Math.abs(back.lat - lat)).toBeLessThan(1e-7);
    }
    for (const [wLat, wLng, gLat, gLng] of REFERENCE) {
      const w = gcj02ToWgs84(gLng, gLat);
      expect(Math.abs(w.lng - wLng)).toBeLessThan(1e-7);
      expect(Math.abs(w.lat - wLat)).toBeLessThan(1e-7);
    }
  });

  it('leaves points outside China unchanged', () => {
    expect(isOutsideChina(2.35, 48.85)).toBe(true);
    expect(isOutsideChina(108.84, 38.6)).toBe(false);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual({ lng: 2.35, lat: 48.85 });
    expect(gcj02ToWgs84(-74.0, 40.7)).toEqual({ lng: -74.0, lat: 40.7 });
  });
});
