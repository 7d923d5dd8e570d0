/**
 * Grid-layer import over HTTP (多网合一), on the test database (SQLite, or PostgreSQL with
 * ZHIZHI_TEST_DATABASE_URL): each format imports with its Chinese names intact; a malformed file of
 * each kind is a 400 naming the problem and writes nothing; only administrators import.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import {
  type AuthHeader,
  insertArea,
  insertDepartment,
  insertUser,
  signIn,
  testPasswordHash,
} from '../../testing/fixtures.ts';
import { PRJ_CGCS2000, zippedShapefile } from '../../testing/shapefile.ts';

let t: TestApp;
const auth: Record<string, AuthHeader> = {};
let policeId: string;

const square = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const clockwise = (w: number, s: number, e: number, n: number) => [...square(w, s, e, n)].reverse();

const geojson = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const polygonFeature = (props: object, ring: number[][]) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Polygon', coordinates: [ring] },
});

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('网格');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(
  query: string,
  body: string | Buffer | Uint8Array,
  as = 'admin',
  contentType = 'application/octet-stream',
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/grid-layers?${query}`,
    headers: { ...auth[as], 'content-type': contentType },
    payload: Buffer.from(body),
  });
}
const get = (url: string, as = 'admin') => t.app.inject({ method: 'GET', url, headers: auth[as] });
const layerCount = async () => (await get('/api/v1/grid-layers')).json().length as number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const banner = await insertArea(db, {
    kind: 'banner',
    code: '150626',
    nameZh: '乌审旗',
    nameEn: 'Wushen Banner',
  });
  policeId = await insertDepartment(db, { code: 'police', nameZh: '公安局', nameEn: 'Police' });
  for (const [username, role] of [
    ['admin', 'admin'],
    ['leader', 'leader'],
    ['worker', 'grid_worker'],
  ] as const) {
    await insertUser(db, {
      username,
      passwordHash: await testPasswordHash(),
      assignments: [{ role, areaId: banner.id }],
    });
    auth[username] = await signIn(t.app, username);
  }
});
afterAll(() => t.close());

describe('grid layers over HTTP', () => {
  it('imports a GeoJSON layer for a department and serves its grids', async () => {
    const body = geojson([
      polygonFeature({ 网格编码: 'GA-1', 网格名称: '公安一号网格' }, square(108.8, 38.6, 108.81, 38.61)),
      polygonFeature({ 网格编码: 'GA-2', 网格名称: '公安二号网格' }, square(108.81, 38.6, 108.82, 38.61)),
    ]);
    const made = await upload(
      `name=${encodeURIComponent('公安网格')}&format=geojson&departmentId=${policeId}`,
      body,
      'admin',
      'application/json',
    );
    expect(made.statusCode, made.body).toBe(201);
    const layer = made.json();
    expect(layer).toMatchObject({
      name: '公安网格',
      departmentId: policeId,
      sourceFormat: 'geojson',
      crs: 'wgs84',
      featureCount: 2,
    });

    expect((await get(`/api/v1/grid-layers/${layer.id}`, 'leader')).json()).toEqual(layer);
    const grids = await get(`/api/v1/grid-layers/${layer.id}/features`, 'leader');
    expect(grids.statusCode).toBe(200);
    const [first] = grids.json().features;
    expect(first.properties).toMatchObject({
      legacyId: 'GA-1',
      name: '公安一号网格',
      attributes: { 网格编码: 'GA-1' },
    });
    // About 1.11 km × 0.87 km at 38.6°N.
    expect(first.properties.areaM2).toBeGreaterThan(900_000);
    expect(first.properties.areaM2).toBeLessThan(1_000_000);
  });

  it('imports a GBK zipped Shapefile and an Excel sheet', async () => {
    const zip = zippedShapefile({
      shapes: [
        {
          rings: [clockwise(108.8, 38.6, 108.81, 38.61)],
          attributes: { 网格编码: 'MZ-1', 网格名称: '民政一号网格' },
        },
      ],
      fields: [
        { name: '网格编码', type: 'C', length: 20 },
        { name: '网格名称', type: 'C', length: 40 },
      ],
      cpg: 'GBK',
      prj: PRJ_CGCS2000,
    });
    const shp = await upload('name=mz&format=shapefile&crs=cgcs2000', zip, 'admin', 'application/zip');
    expect(shp.statusCode, shp.body).toBe(201);
    const shpGrids = (await get(`/api/v1/grid-layers/${shp.json().id}/features`)).json();
    expect(shpGrids.features[0].properties).toMatchObject({ legacyId: 'MZ-1', name: '民政一号网格' });

    const sheet = await xlsx([
      ['网格编码', '网格名称', 'WKT'],
      ['CG-1', '城管一号网格', 'POLYGON ((108.8 38.6, 108.81 38.6, 108.81 38.61, 108.8 38.61, 108.8 38.6))'],
    ]);
    const excel = await upload('name=cg&format=xlsx&crs=gcj02', sheet);
    expect(excel.statusCode, excel.body).toBe(201);
    expect(excel.json()).toMatchObject({ sourceFormat: 'xlsx', crs: 'gcj02', featureCount: 1 });
  });

  it('refuses a malformed file of each kind with a 400 naming the problem, writing nothing', async () => {
    const before = await layerCount();
    const badGeoJson = geojson([
      polygonFeature({ id: 'A' }, square(108.8, 38.6, 108.81, 38.61)),
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [108.8, 38.6],
            [108.9, 38.7],
          ],
        },
      },
    ]);
    const cases = [
      {
        query: 'name=x&format=geojson',
        body: badGeoJson,
        key: 'layer.feature_not_polygon',
        params: { feature: 2, geometry: 'LineString' },
      },
      {
        query: 'name=x&format=shapefile',
        body: zippedShapefile({
          shapes: [{ rings: [clockwise(108.8, 38.6, 108.81, 38.61)], attributes: {} }],
          fields: [{ name: 'ID', type: 'C', length: 4 }],
          omit: 'dbf',
        }),
        key: 'layer.shapefile_missing_part',
        params: { part: '.dbf' },
      },
      {
        query: 'name=x&format=xlsx',
        body: await xlsx([
          ['编码', 'WKT'],
          ['A', 'POLYGON ((108.8 38.6, 108.81 38.6, 108.81 38.61, 108.8 38.6))'],
          ['B', 'POLYGON ((108.8 38.6, 108.81 38.6))'],
        ]),
        key: 'layer.row_ring_too_short',
        params: { row: 3 },
      },
    ];
    for (const c of cases) {
      const answer = await upload(c.query, c.body);
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json().error).toMatchObject({ key: c.key, params: c.params });
    }
    const unknownDepartment = await upload(
      'name=x&format=geojson&departmentId=nope',
      geojson([polygonFeature({}, square(108.8, 38.6, 108.81, 38.61))]),
    );
    expect(unknownDepartment.json().error).toMatchObject({ key: 'ref.no_such_department' });
    expect(await layerCount()).toBe(before);
    const rows = await t.database.db
      .selectFrom('grid_layer_feature')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(4); // the two GeoJSON grids, one Shapefile grid and one Excel grid above
  });

  it('lets only administrators import and delete, and leaders read', async () => {
    const body = geojson([polygonFeature({}, square(108.8, 38.6, 108.81, 38.61))]);
    expect((await upload('name=x&format=geojson', body, 'worker')).statusCode).toBe(403);
    expect((await upload('name=x&format=geojson', body, 'leader')).statusCode).toBe(403);
    expect((await get('/api/v1/grid-layers', 'worker')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/grid-layers' })).statusCode).toBe(401);
    const [layer] = (await get('/api/v1/grid-layers', 'leader')).json();
    const del = (as: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/grid-layers/${layer.id}`, headers: auth[as] });
    expect((await del('leader')).statusCode).toBe(403);
    const before = await layerCount();
    expect((await del('admin')).statusCode).toBe(204);
    expect(await layerCount()).toBe(before - 1);
    expect((await del('admin')).statusCode).toBe(404);
    expect((await get(`/api/v1/grid-layers/${layer.id}/features`)).statusCode).toBe(404);
  });

  it('compares two departments’ layers: the overlap, each side’s gap, and the totals', async () => {
    // Police grid P1 and civil-affairs grid C1 are the same size, C1 shifted east by half its width:
    // they share half of each, and each leaves the other's half uncovered.
    const imported = async (name: string, id: string, w: number) =>
      (
        await upload(
          `name=${encodeURIComponent(name)}&format=geojson`,
          geojson([polygonFeature({ 网格编码: id }, square(w, 38.7, w + 0.01, 38.71))]),
        )
      ).json().id as string;
    const police = await imported('公安比对', 'P1', 108.9);
    const civil = await imported('民政比对', 'C1', 108.905);
    const answer = await get(`/api/v1/grid-layers/${police}/compare/${civil}`, 'leader');
    expect(answer.statusCode, answer.body).toBe(200);
    const { rows, totals } = answer.json();
    const byKind = Object.fromEntries(rows.map((r: { kind: string }) => [r.kind, r]));
    expect(rows).toHaveLength(3);
    expect(byKind.overlap).toMatchObject({ legacyIdA: 'P1', legacyIdB: 'C1' });
    expect(byKind.overlap.shareOfA).toBeCloseTo(0.5, 3);
    expect(byKind.overlap.shareOfB).toBeCloseTo(0.5, 3);
    expect(byKind.a_not_b).toMatchObject({ legacyIdA: 'P1', legacyIdB: null });
    expect(byKind.a_not_b.shareOfA).toBeCloseTo(0.5, 3);
    expect(byKind.b_not_a).toMatchObject({ legacyIdA: null, legacyIdB: 'C1' });
    expect(totals.intersection / totals.areaA).toBeCloseTo(0.5, 3);
    expect(totals.aMinusB + totals.intersection).toBeCloseTo(totals.areaA, -1);
    expect((await get(`/api/v1/grid-layers/${police}/compare/${civil}`, 'worker')).statusCode).toBe(403);
    expect((await get(`/api/v1/grid-layers/${police}/compare/nothing`, 'leader')).statusCode).toBe(404);
  });

  it('holds a layer against the official grids and translates old ids to grid codes both ways', async () => {
    // Two official grids side by side; the department's old grid OLD-1 straddles them, half in each.
    const db = t.database.db;
    const [banner] = await db.selectFrom('area').select('id').where('kind', '=', 'banner').execute();
    const town = await insertArea(db, { kind: 'town', code: '150626201', parentId: banner?.id });
    const village = await insertArea(db, { kind: 'village', code: '150626201001', parentId: town.id });
    const grid = (code: string, w: number) =>
      insertArea(db, {
        kind: 'unit_grid',
        code,
        nameZh: `网格${code.slice(-3)}`,
        parentId: village.id,
        polygon: { type: 'Polygon', coordinates: [square(w, 38.8, w + 0.01, 38.81)] },
      });
    await grid('150626201001001', 109.0);
    await grid('150626201001002', 109.01);
    const old = (
      await upload(
        `name=${encodeURIComponent('综治旧网格')}&format=geojson`,
        geojson([polygonFeature({ 网格编码: 'OLD-1' }, square(109.005, 38.8, 109.015, 38.81))]),
      )
    ).json().id as string;

    const map = await get(`/api/v1/grid-layers/${old}/legacy-map`, 'leader');
    expect(map.statusCode, map.body).toBe(200);
    const rows = map.json() as { legacyId: string; gridCode: string; gridName: string; share: number }[];
    expect(rows.map((r) => [r.legacyId, r.gridCode, r.gridName])).toEqual([
      ['OLD-1', '150626201001001', '网格001'],
      ['OLD-1', '150626201001002', '网格002'],
    ]);
    for (const r of rows) expect(r.share).toBeCloseTo(0.5, 3);
    // The other way: which old ids make up official grid 002.
    const back = await get(`/api/v1/grid-layers/${old}/legacy-map?gridCode=150626201001002`);
    expect(back.json().map((r: { legacyId: string }) => r.legacyId)).toEqual(['OLD-1']);

    const compared = await get(`/api/v1/grid-layers/${old}/compare-official`, 'leader');
    expect(compared.statusCode, compared.body).toBe(200);
    const kinds = compared
      .json()
      .rows.map((r: { kind: string; legacyIdB: string | null }) => [r.kind, r.legacyIdB]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['overlap', '150626201001001'],
        ['overlap', '150626201001002'],
        ['b_not_a', '150626201001001'],
        ['b_not_a', '150626201001002'],
      ]),
    );
    expect(kinds.some(([kind]: [string]) => kind === 'a_not_b')).toBe(false);
    expect((await get(`/api/v1/grid-layers/${old}/legacy-map`, 'worker')).statusCode).toBe(403);
  });

  it('refuses a file above 50 MB', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
    expect((await upload('name=x&format=geojson', big)).statusCode).toBe(413);
  });
});
