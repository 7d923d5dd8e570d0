/** Zipped Shapefile layers written by the test: GBK by .cpg or language byte, UTF-8, Gauss-Krüger .prj, broken archives. */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../testing/fixtures.ts';
import {
  PRJ_CGCS2000,
  PRJ_CGCS2000_GK_ZONE_36,
  type TestShapefile,
  zippedShapefile,
} from '../../testing/shapefile.ts';
import { parseShapefileLayer } from './shapefile-parser.ts';
import { firstVertex } from './test-shapes.ts';

/** A clockwise (outer, as Shapefiles want) closed square. */
const clockwise = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [w, n],
    [e, n],
    [e, s],
    [w, s],
  ],
];

const FIELDS: TestShapefile['fields'] = [
  { name: '网格编码', type: 'C', length: 20 },
  { name: '网格名称', type: 'C', length: 40 },
  { name: '户数', type: 'N', length: 6 },
];

const twoGrids: TestShapefile['shapes'] = [
  {
    rings: clockwise(108.8, 38.6, 108.81, 38.61),
    attributes: { 网格编码: 'JW-01', 网格名称: '巴音敖包警务网格', 户数: 48 },
  },
  {
    rings: clockwise(108.81, 38.6, 108.82, 38.61),
    attributes: { 网格编码: 'JW-02', 网格名称: '查干淖尔警务网格', 户数: 37 },
  },
];
const wgs = { crs: 'wgs84', fields: {} } as const;

describe('zipped Shapefile layers', () => {
  it('reads a GBK attribute table named by the .cpg, Chinese names intact', async () => {
    const zip = zippedShapefile({ shapes: twoGrids, fields: FIELDS, cpg: 'GBK', prj: PRJ_CGCS2000 });
    const features = await parseShapefileLayer(zip, wgs);
    expect(features.map((f) => [f.legacyId, f.name, f.attributes.户数])).toEqual([
      ['JW-01', '巴音敖包警务网格', 48],
      ['JW-02', '查干淖尔警务网格', 37],
    ]);
    expect(features[0]?.geometry.type).toBe('Polygon');
  });

  it('reads GBK without a .cpg (language byte 0x4D or none), and UTF-8 when the .cpg says so', async () => {
    for (const languageByte of [0x4d, 0]) {
      const zip = zippedShapefile({ shapes: twoGrids, fields: FIELDS, languageByte });
      expect((await parseShapefileLayer(zip, wgs))[1]?.name).toBe('查干淖尔警务网格');
    }
    // A DBF field name has 10 bytes: four Chinese characters fit in GBK, two in UTF-8.
    const utf8 = zippedShapefile({
      shapes: twoGrids.map((s) => ({
        rings: s.rings,
        attributes: { 编码: s.attributes.网格编码 as string, 名称: s.attributes.网格名称 as string },
      })),
      fields: [
        { name: '编码', type: 'C', length: 20 },
        { name: '名称', type: 'C', length: 40 },
      ],
      encoding: 'utf8',
      cpg: 'UTF-8',
    });
    expect((await parseShapefileLayer(utf8, wgs)).map((f) => [f.legacyId, f.name])).toEqual([
      ['JW-01', '巴音敖包警务网格'],
      ['JW-02', '查干淖尔警务网格'],
    ]);
  });

  it('unprojects CGCS2000 Gauss-Krüger coordinates with the .prj', async () => {
    const toGk = proj4('WGS84', PRJ_CGCS2000_GK_ZONE_36);
    const projected = (ring: number[][]) => ring.map((p) => toGk.forward(p as [number, number]));
    const shapes = twoGrids.map((s) => ({ ...s, rings: s.rings.map(projected) }));
    expect((shapes[0]?.rings[0]?.[0]?.[0] as number) > 36_000_000).toBe(true);
    const zip = zippedShapefile({ shapes, fields: FIELDS, cpg: 'GBK', prj: PRJ_CGCS2000_GK_ZONE_36 });
    const [first] = await parseShapefileLayer(zip, wgs);
    const [lng, lat] = firstVertex(first);
    expect(lng).toBeCloseTo(108.8, 6);
    expect(lat).toBeCloseTo(38.6, 6);
  });

  it('names the problem of a broken archive', async () => {
    const key = async (bytes: Uint8Array) => (await appErrorOf(parseShapefileLayer(bytes, wgs))).key;
    expect(await key(new TextEncoder().encode('not a zip'))).toBe('layer.not_zip');
    const noDbf = await appErrorOf(
      parseShapefileLayer(zippedShapefile({ shapes: twoGrids, fields: FIELDS, omit: 'dbf' }), wgs),
    );
    expect([noDbf.status, noDbf.key, noDbf.params]).toEqual([
      400,
      'layer.shapefile_missing_part',
      { part: '.dbf' },
    ]);
    expect(await key(zippedShapefile({ shapes: twoGrids, fields: FIELDS, omit: 'shp' }))).toBe(
      'layer.shapefile_missing_part',
    );
    const beijing54 =
      'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const old = await appErrorOf(
      parseShapefileLayer(zippedShapefile({ shapes: twoGrids, fields: FIELDS, prj: beijing54 }), wgs),
    );
    expect([old.key, old.params]).toEqual(['layer.prj_unsupported', { file: 'grids.prj' }]);
    expect(await key(zippedShapefile({ shapes: twoGrids, fields: FIELDS, cpg: 'KLINGON-1' }))).toBe(
      'layer.encoding_unsupported',
    );
    const shapes = [
      twoGrids[0],
      { ...twoGrids[1], attributes: { ...twoGrids[1]?.attributes, 网格编码: 'JW-01' } },
    ];
    const twice = await appErrorOf(
      parseShapefileLayer(
        zippedShapefile({ shapes: shapes as TestShapefile['shapes'], fields: FIELDS }),
        wgs,
      ),
    );
    expect([twice.key, twice.params]).toEqual([
      'layer.feature_duplicate_id',
      { id: 'JW-01', first: 1, second: 2 },
    ]);
  });
});
