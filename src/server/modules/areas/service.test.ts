import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { appErrorOf, box, insertArea } from '../../testing/fixtures.ts';
import { wgs84ToGcj02 } from './coords.ts';
import type { AreaGeometry } from './geometry.ts';
import { countHouseholdsByGrid, findAreaByCode, listSubtree } from './repository.ts';
import { type AreaService, createAreaService, type NewAreaInput } from './service.ts';

let database: TestDatabase;
let areas: AreaService;
const ids: Record<string, string> = {};

async function failure(promise: Promise<unknown>): Promise<{ status: number; field?: string }> {
  const error = await appErrorOf(promise);
  return { status: error.status, field: (error.details as { field?: string } | undefined)?.field };
}

async function create(
  key: string,
  parent: string | null,
  kind: string,
  code: string,
  polygon?: AreaGeometry,
): Promise<void> {
  const area = await areas.createArea({
    parentId: parent ? (ids[parent] as string) : null,
    kind,
    code,
    nameZh: `区域${key}`,
    nameEn: `Area ${key}`,
    ...(polygon ? { polygon } : {}),
  });
  ids[key] = area.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  areas = createAreaService(database.db, { unitGrid: 2, microGrid: 1 });
});
afterAll(() => database.dispose());

describe('the area service', () => {
  it('builds the tree keeping path and depth', async () => {
    await create('banner', null, 'banner', '150626', box(108, 38, 110, 40));
    await create('town', 'banner', 'town', '150626101', box(108, 38, 110, 40));
    await create('gacha', 'town', 'village', '150626101201', box(108, 38, 109, 40));
    await create('community', 'town', 'village', '150626101001', box(109, 38, 110, 40));
    await create('community2', 'town', 'village', '150626101002');
    await create('grid1', 'gacha', 'unit_grid', '150626101201001', box(108, 38, 108.5, 40));
    await create('grid2', 'gacha', 'unit_grid', '150626101201002', box(108.5, 38, 109, 40));
    await create('cgrid', 'community', 'community_grid', '150626101001001', box(109, 38, 110, 40));
    await create('micro1', 'cgrid', 'micro_grid', '150626101001001001', box(109, 38, 109.5, 40));
    await create('micro2', 'cgrid', 'micro_grid', '150626101001001002', box(109.5, 38, 110, 40));

    const micro = await areas.getArea(ids.micro1 as string);
    expect(micro).toMatchObject({
      kind: 'micro_grid',
      depth: 4,
      path: `/${ids.banner}/${ids.town}/${ids.community}/${ids.cgrid}/${ids.micro1}/`,
      polygon: box(109, 38, 109.5, 40),
      nameMn: null,
    });
    const ancestors = await areas.ancestors(ids.micro1 as string);
    expect(ancestors.map((a) => a.code)).toEqual(['150626', '150626101', '150626101001', '150626101001001']);
    expect(await areas.ancestors(ids.banner as string)).toEqual([]);
  });

  it('lists roots, children and areas by kind or code', async () => {
    expect((await areas.listAreas({})).map((a) => a.code)).toEqual(['150626']);
    expect((await areas.listAreas({ parentId: ids.gacha })).map((a) => a.code)).toEqual([
      '150626101201001',
      '150626101201002',
    ]);
    expect((await areas.listAreas({ kind: 'micro_grid' })).length).toBe(2);
    const [byCode] = await areas.listAreas({ code: '150626101201' });
    expect(byCode?.id).toBe(ids.gacha);
    expect(byCode?.polygon).toBeNull(); // not asked for
    const [withPolygon] = await areas.listAreas({ code: '150626101201', withPolygon: true });
    expect(withPolygon?.polygon).toEqual(box(108, 38, 109, 40));
    expect((await areas.children(ids.town as string)).map((a) => a.code)).toEqual([
      '150626101001',
      '150626101002',
      '150626101201',
    ]);
    expect((await failure(areas.children(uuidv7()))).status).toBe(404);
    expect((await failure(areas.children('not-a-uuid'))).status).toBe(404);
    expect(await areas.getArea('not-a-uuid')).toBeUndefined();
  });

  it('refuses bad areas with a 400 naming the field, and taken codes with a 409', async () => {
    const base = { nameZh: '测试', nameEn: 'Test' };
    const polygon = box(108, 38, 108.5, 39);
    /** Creates a unit grid (unless it says otherwise) in the gacha. */
    const inGacha = (input: Partial<NewAreaInput> & { code: string }) =>
      failure(areas.createArea({ ...base, parentId: ids.gacha as string, kind: 'unit_grid', ...input }));
    expect(await inGacha({ kind: 'hamlet', code: '150626101201009' })).toEqual({
      status: 400,
      field: 'kind',
    });
    expect(
      await failure(areas.createArea({ ...base, parentId: null, kind: 'town', code: '150626109' })),
    ).toEqual({ status: 400, field: 'parentId' });
    expect(await inGacha({ kind: 'micro_grid', code: '150626101201001009' })).toEqual({
      status: 400,
      field: 'parentId',
    });
    expect(
      await failure(
        areas.createArea({ ...base, parentId: uuidv7(), kind: 'unit_grid', code: '150626101201009' }),
      ),
    ).toEqual({ status: 400, field: 'parentId' });
    expect(await inGacha({ code: '150626102201009' })).toEqual({ status: 400, field: 'code' });
    expect(await inGacha({ code: '1506261012010' })).toEqual({ status: 400, field: 'code' });
    expect(await inGacha({ nameZh: '  ', code: '150626101201009' })).toEqual({
      status: 400,
      field: 'nameZh',
    });
    const open = { type: 'Polygon', coordinates: [polygon.coordinates[0]?.slice(0, 4)] };
    expect(await inGacha({ code: '150626101201009', polygon: open })).toEqual({
      status: 400,
      field: 'polygon.coordinates[0]',
    });
    expect((await inGacha({ code: '150626101201001' })).status).toBe(409);
  });

  it('finds the grid of a WGS-84 or GCJ-02 point, the deepest first', async () => {
    const hit = await areas.gridOf(108.25, 39);
    expect(hit).toEqual({
      gridId: ids.grid1,
      gridPath: `/${ids.banner}/${ids.town}/${ids.gacha}/${ids.grid1}/`,
      depth: 3,
    });
    expect((await areas.gridOf(109.25, 39))?.gridId).toBe(ids.micro1);
    // A phone near the west edge of grid2 reports GCJ-02: shifted east, it would land in the wrong grid.
    const wgs = { lng: 108.501, lat: 39 };
    const gcj = wgs84ToGcj02(wgs.lng, wgs.lat);
    expect((await areas.gridOf(gcj.lng, gcj.lat, 'gcj02'))?.gridId).toBe(ids.grid2);
    expect((await areas.gridOf(wgs.lng, wgs.lat, 'wgs84'))?.gridId).toBe(ids.grid2);
    expect(await areas.gridOf(107.5, 39)).toBeUndefined();
  });

  it('names the handling area of every level of the chain', async () => {
    const grid = ids.grid1 as string;
    expect(await areas.handlingAreaFor(grid, 1)).toBe(ids.grid1);
    expect(await areas.handlingAreaFor(grid, 2)).toBe(ids.gacha);
    expect(await areas.handlingAreaFor(grid, 3)).toBe(ids.town);
    expect(await areas.handlingAreaFor(grid, 4)).toBe(ids.banner);
    expect(await areas.handlingAreaFor(grid, 5)).toBe(ids.banner);
    const micro = ids.micro2 as string;
    expect(await areas.handlingAreaFor(micro, 1)).toBe(ids.cgrid);
    expect(await areas.handlingAreaFor(micro, 2)).toBe(ids.community);
    expect(await areas.handlingAreaFor(micro, 3)).toBe(ids.town);
    expect((await failure(areas.handlingAreaFor(ids.gacha as string, 1))).field).toBe('gridId');
    expect((await failure(areas.handlingAreaFor(uuidv7(), 1))).status).toBe(404);
  });

  it('rebuilds the index after a change through the service', async () => {
    expect((await areas.gridOf(108.25, 39))?.gridId).toBe(ids.grid1);
    await areas.updateArea(ids.grid1 as string, { polygon: box(108, 38, 108.2, 40) });
    await areas.updateArea(ids.grid2 as string, { polygon: box(108.2, 38, 109, 40) });
    expect((await areas.gridOf(108.25, 39))?.gridId).toBe(ids.grid2);
  });

  it('notices areas changed by another node once the refresh interval has passed', async () => {
    const eager = createAreaService(database.db, { unitGrid: 50, microGrid: 15 }, { refreshMs: 0 });
    expect(await eager.gridOf(111, 39)).toBeUndefined();
    // Written straight to the table, as another node (or an import) would.
    const { id } = await insertArea(database.db, {
      parentId: ids.gacha as string,
      kind: 'unit_grid',
      code: '150626101201003',
      nameZh: '外来网格',
      nameEn: 'Imported grid',
      polygon: box(110.5, 38.5, 111.5, 39.5),
    });
    expect((await eager.gridOf(111, 39))?.gridId).toBe(id);
    await database.db.deleteFrom('area').where('id', '=', id).execute();
  });

  it('moves an area with its subtree, rewriting paths, depths and codes', async () => {
    expect(
      await failure(areas.updateArea(ids.cgrid as string, { parentId: ids.community2 as string })),
    ).toEqual({
      status: 400,
      field: 'code',
    });
    expect(
      await failure(
        areas.updateArea(ids.cgrid as string, { parentId: ids.town as string, code: '150626101002001' }),
      ),
    ).toEqual({
      status: 400,
      field: 'parentId',
    });
    expect((await failure(areas.updateArea(ids.cgrid as string, { code: '150626101201001' }))).status).toBe(
      400,
    );
    expect((await failure(areas.updateArea(ids.grid1 as string, { code: '150626101201002' }))).status).toBe(
      409,
    );

    const moved = await areas.updateArea(ids.cgrid as string, {
      parentId: ids.community2 as string,
      code: '150626101002001',
      nameZh: '新网格',
    });
    expect(moved).toMatchObject({
      parentId: ids.community2,
      code: '150626101002001',
      nameZh: '新网格',
      depth: 3,
    });
    const subtree = await listSubtree(database.db, moved.path);
    expect(subtree.map((a) => [a.code, a.depth, a.path])).toEqual([
      ['150626101002001', 3, `/${ids.banner}/${ids.town}/${ids.community2}/${ids.cgrid}/`],
      ['150626101002001001', 4, `/${ids.banner}/${ids.town}/${ids.community2}/${ids.cgrid}/${ids.micro1}/`],
      ['150626101002001002', 4, `/${ids.banner}/${ids.town}/${ids.community2}/${ids.cgrid}/${ids.micro2}/`],
    ]);
    expect(await areas.handlingAreaFor(ids.micro1 as string, 2)).toBe(ids.community2);
    expect(await findAreaByCode(database.db, '150626101001001001')).toBeUndefined();
    expect(
      (await failure(areas.updateArea(ids.town as string, { parentId: ids.cgrid as string }))).status,
    ).toBe(400);
    expect((await failure(areas.updateArea(uuidv7(), { nameZh: 'x' }))).status).toBe(404);
  });

  it('counts households and reports violations, optionally within some subtrees', async () => {
    const now = new Date().toISOString();
    const household = (gridId: string, lng: number) => ({
      id: uuidv7(),
      grid_id: gridId,
      address: '测试地址',
      lng,
      lat: 39,
      members: 3,
      created_at: now,
    });
    await database.db
      .insertInto('household')
      .values([
        household(ids.grid2 as string, 108.6),
        household(ids.grid2 as string, 108.7),
        household(ids.grid2 as string, 108.8), // 3 > the unit-grid cap of 2
        household(ids.micro1 as string, 109.1),
        household(ids.micro1 as string, 109.2), // 2 > the micro-grid cap of 1
      ])
      .execute();
    expect(await countHouseholdsByGrid(database.db)).toEqual(
      new Map([
        [ids.grid2, 3],
        [ids.micro1, 2],
      ]),
    );
    expect(await areas.householdCount(ids.town as string)).toBe(5);
    expect(await areas.householdCount(ids.gacha as string)).toBe(3);

    const all = await areas.checks();
    expect(all.map((v) => [v.kind, v.code])).toEqual([
      ['cap_exceeded', '150626101002001001'],
      ['cap_exceeded', '150626101201002'],
    ]);
    const gachaPath = (await areas.getArea(ids.gacha as string))?.path as string;
    expect((await areas.checks([gachaPath])).map((v) => v.kind)).toEqual(['cap_exceeded']);
  });
});
