/** Excel layers written by the test with exceljs: WKT rows, vertex rows (序号, GCJ-02), column names, bad rows named. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../testing/fixtures.ts';
import { wgs84ToGcj02 } from '../areas/coords.ts';
import type { LayerFeature } from './feature.ts';
import { parseXlsxLayer } from './xlsx-parser.ts';

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('网格');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const wkt = (w: number, s: number, e: number, n: number) =>
  `POLYGON ((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s}))`;
const wgs = { crs: 'wgs84', fields: {} } as const;

/** One grid's closed ring as vertex rows: id, name, 序号, 经度, 纬度. */
function vertexRows(id: string, name: string, w: number, s: number, e: number, n: number) {
  const ring = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
  return ring.map(([lng, lat], i) => [id, name, i + 1, lng as number, lat as number]);
}

/** The first position of a feature's first ring. */
function firstVertex(feature: LayerFeature | undefined): number[] {
  if (!feature) return [];
  const { geometry } = feature;
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return ring?.[0] ?? [];
}

describe('Excel layers', () => {
  it('reads one row per grid with a WKT boundary', async () => {
    const file = await workbook([
      ['网格编码', '网格名称', '几何', '负责人'],
      ['CG-1', '城管一号网格', wkt(108.8, 38.6, 108.81, 38.61), '张三'],
      [
        'CG-2',
        '城管二号网格',
        `MULTIPOLYGON (((108.81 38.6, 108.82 38.6, 108.82 38.61, 108.81 38.6)))`,
        '李四',
      ],
    ]);
    const features = await parseXlsxLayer(file, wgs);
    expect(features.map((f) => [f.legacyId, f.name, f.geometry.type, f.attributes.负责人])).toEqual([
      ['CG-1', '城管一号网格', 'Polygon', '张三'],
      ['CG-2', '城管二号网格', 'MultiPolygon', '李四'],
    ]);
    expect(features[0]?.attributes).not.toHaveProperty('几何');
  });

  it('reads one row per vertex, sorted by 序号, and converts GCJ-02', async () => {
    const g = wgs84ToGcj02(108.84, 38.6);
    const rows = vertexRows('YJ-1', '应急一号', g.lng, g.lat, g.lng + 0.01, g.lat + 0.01);
    const shuffled = [rows[2], rows[0], rows[4], rows[1], rows[3]] as (string | number)[][];
    const file = await workbook([
      ['编码', '名称', '序号', '经度', '纬度'],
      ...shuffled,
      ...vertexRows('YJ-2', '应急二号', 108.9, 38.6, 108.91, 38.61),
    ]);
    const features = await parseXlsxLayer(file, { crs: 'gcj02', fields: {} });
    expect(features.map((f) => [f.legacyId, f.name])).toEqual([
      ['YJ-1', '应急一号'],
      ['YJ-2', '应急二号'],
    ]);
    const [lng, lat] = firstVertex(features[0]);
    expect(lng).toBeCloseTo(108.84, 7);
    expect(lat).toBeCloseTo(38.6, 7);
    expect(features[0]?.attributes).toEqual({ 编码: 'YJ-1', 名称: '应急一号' });
  });

  it('takes the column names the request gives', async () => {
    const file = await workbook([
      ['GRID', 'X坐标', 'Y坐标'],
      ...vertexRows('Q1', '', 108.8, 38.6, 108.81, 38.61).map((r) => [
        r[0] ?? null,
        r[3] ?? null,
        r[4] ?? null,
      ]),
    ]);
    const features = await parseXlsxLayer(file, {
      crs: 'wgs84',
      fields: { id: 'grid', lng: 'X坐标', lat: 'Y坐标' },
    });
    expect(features[0]?.legacyId).toBe('Q1');
    const missing = await appErrorOf(parseXlsxLayer(file, { crs: 'wgs84', fields: { id: '网格号' } }));
    expect([missing.key, missing.params]).toEqual(['layer.missing_column', { column: '网格号' }]);
  });

  it('names the sheet row and the problem of a bad sheet', async () => {
    const problem = async (rows: (string | number | null)[][]) => {
      const error = await appErrorOf(parseXlsxLayer(await workbook(rows), wgs));
      return { status: error.status, key: error.key, params: error.params };
    };
    expect(
      await problem([
        ['编码', 'WKT'],
        ['A', wkt(108.8, 38.6, 108.81, 38.61)],
        ['B', 'LINESTRING (1 2, 3 4)'],
      ]),
    ).toEqual({
      status: 400,
      key: 'layer.row_bad_wkt',
      params: { row: 3 },
    });
    const open = vertexRows('A', 'a', 108.8, 38.6, 108.81, 38.61).slice(0, 4);
    expect(await problem([['编码', '名称', '序号', '经度', '纬度'], ...open])).toEqual({
      status: 400,
      key: 'layer.row_ring_not_closed',
      params: { row: 2 },
    });
    const bad = vertexRows('A', 'a', 108.8, 38.6, 108.81, 38.61);
    (bad[2] as (string | number)[])[3] = '东经108度';
    expect(await problem([['编码', '名称', '序号', '经度', '纬度'], ...bad])).toMatchObject({
      key: 'layer.row_bad_coordinate',
      params: { row: 4 },
    });
    const again = [
      ...vertexRows('A', 'a', 108.8, 38.6, 108.81, 38.61),
      ...vertexRows('B', 'b', 108.8, 38.6, 108.81, 38.61),
      ...vertexRows('A', 'a', 108.8, 38.6, 108.81, 38.61),
    ];
    expect(await problem([['编码', '名称', '序号', '经度', '纬度'], ...again])).toMatchObject({
      key: 'layer.row_duplicate_id',
      params: { id: 'A', first: 2, second: 12 },
    });
    expect(
      await problem([
        ['编码', '名称'],
        ['A', 'a'],
      ]),
    ).toMatchObject({ key: 'layer.xlsx_no_geometry_column' });
    const notXlsx = await appErrorOf(parseXlsxLayer(new TextEncoder().encode('id,wkt\n'), wgs));
    expect(notXlsx.key).toBe('layer.xlsx_unreadable');
  });
});
