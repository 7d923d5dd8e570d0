/** GeoJSON layers: polygons with Chinese properties, GCJ-02 converted, each malformed feature named. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { wgs84ToGcj02 } from '../areas/coords.ts';
import { parseGeoJsonLayer } from './geojson-parser.ts';
import { firstVertex } from './test-shapes.ts';

const square = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const collection = (...features: unknown[]) => bytes({ type: 'FeatureCollection', features });
const feature = (properties: object, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties,
  geometry: { type, coordinates },
});

function problemOf(run: () => unknown): { key: string; params: object } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) {
      expect(error.status).toBe(400);
      return { key: error.key, params: error.params };
    }
    throw error;
  }
  throw new Error('expected a 400');
}

const wgs = { crs: 'wgs84', fields: {} } as const;

describe('GeoJSON layers', () => {
  it('reads polygons with their Chinese ids, names and attributes', () => {
    const features = parseGeoJsonLayer(
      collection(
        feature(
          { 网格编码: 'GA-001', 网格名称: '嘎鲁图第一网格', 户数: 42 },
          square(108.8, 38.6, 108.81, 38.61),
        ),
        feature(
          { 网格编码: 'GA-002', 网格名称: '嘎鲁图第二网格' },
          [square(108.81, 38.6, 108.82, 38.61)],
          'MultiPolygon',
        ),
      ),
      wgs,
    );
    expect(features).toHaveLength(2);
    expect(features[0]).toMatchObject({
      legacyId: 'GA-001',
      name: '嘎鲁图第一网格',
      attributes: { 户数: 42 },
      geometry: { type: 'Polygon' },
    });
    expect(features[1]?.geometry.type).toBe('MultiPolygon');
  });

  it('uses the property the request names, and the feature number when there is none', () => {
    const file = collection(feature({ POLICE_NO: 'P7' }, square(108.8, 38.6, 108.81, 38.61)));
    expect(parseGeoJsonLayer(file, { crs: 'wgs84', fields: { id: 'police_no' } })[0]?.legacyId).toBe('P7');
    const bare = collection(feature({}, square(108.8, 38.6, 108.81, 38.61)));
    expect(parseGeoJsonLayer(bare, wgs)[0]?.legacyId).toBe('1');
  });

  it('converts GCJ-02 to WGS-84 vertex by vertex', () => {
    const g = wgs84ToGcj02(108.84, 38.6);
    const file = collection(feature({ id: 'A' }, square(g.lng, g.lat, g.lng + 0.01, g.lat + 0.01)));
    const [grid] = parseGeoJsonLayer(file, { crs: 'gcj02', fields: {} });
    const [lng, lat] = firstVertex(grid);
    expect(lng).toBeCloseTo(108.84, 7);
    expect(lat).toBeCloseTo(38.6, 7);
    // The offset here is several hundred metres (about 0.005° of longitude).
    expect(Math.abs(g.lng - 108.84)).toBeGreaterThan(0.003);
  });

  it('names the feature and the problem of a bad file', () => {
    expect(problemOf(() => parseGeoJsonLayer(new TextEncoder().encode('{"type":'), wgs)).key).toBe(
      'layer.not_json',
    );
    expect(problemOf(() => parseGeoJsonLayer(bytes({ type: 'Feature' }), wgs)).key).toBe(
      'layer.not_feature_collection',
    );
    const point = collection(
      feature({ id: 'A' }, square(108.8, 38.6, 108.81, 38.61)),
      feature({ id: 'B' }, [108.8, 38.6], 'Point'),
    );
    expect(problemOf(() => parseGeoJsonLayer(point, wgs))).toEqual({
      key: 'layer.feature_not_polygon',
      params: { feature: 2, geometry: 'Point' },
    });
    const open = collection(feature({ id: 'A' }, [square(108.8, 38.6, 108.81, 38.61)[0]?.slice(0, 4)]));
    expect(problemOf(() => parseGeoJsonLayer(open, wgs))).toEqual({
      key: 'layer.feature_ring_not_closed',
      params: { feature: 1 },
    });
    const short = collection(
      feature({ id: 'A' }, [
        [
          [108.8, 38.6],
          [108.9, 38.6],
          [108.8, 38.6],
        ],
      ]),
    );
    expect(problemOf(() => parseGeoJsonLayer(short, wgs)).key).toBe('layer.feature_ring_too_short');
    const swapped = collection(feature({ id: 'A' }, square(38.6, 108.8, 38.61, 108.81)));
    expect(problemOf(() => parseGeoJsonLayer(swapped, wgs))).toMatchObject({
      key: 'layer.feature_outside_china',
      params: { feature: 1, lng: 38.6, lat: 108.8 },
    });
    const twice = collection(
      feature({ 编码: 'X' }, square(108.8, 38.6, 108.81, 38.61)),
      feature({ 编码: 'Y' }, square(108.8, 38.6, 108.81, 38.61)),
      feature({ 编码: 'X' }, square(108.8, 38.6, 108.81, 38.61)),
    );
    expect(problemOf(() => parseGeoJsonLayer(twice, wgs))).toEqual({
      key: 'layer.feature_duplicate_id',
      params: { id: 'X', first: 1, second: 3 },
    });
    expect(problemOf(() => parseGeoJsonLayer(collection(), wgs)).key).toBe('layer.empty');
  });
});
