import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_KINDS } from '../../../shared/domain.ts';
import { createCipher } from '../../platform/personal-data.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { createAreaService } from '../areas/service.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './roster.ts';
import { DEMO_CODES, DEMO_PLACES, type DemoSummary, seedDemo } from './seed.ts';

let database: TestDatabase;
let summary: DemoSummary;
let seedMs: number;
const cipher = createCipher(randomBytes(32));
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$demo-hash-for-tests';

const STORY_ROSTER = [
  'admin',
  'leader',
  'banner.operator',
  'banner.guide',
  'banner.inspector',
  'dept.natres',
  'dept.forestry',
  'dept.justice',
  'town.operator',
  'town.guide',
  'town.inspector',
  'town.judicial',
  'village.operator',
  'village.guide',
  'village.inspector',
  'village.elder',
  'grid.chief',
  'grid.guide',
  'grid.manager',
  'grid.worker',
  'grid.parttime',
  'grid.police',
  'grid2.chief',
  'grid2.guide',
  'grid2.worker',
  'herder',
  'resident2',
  'galutu.operator',
  'galutu.worker',
];

beforeAll(async () => {
  database = await createTestDatabase();
  const started = performance.now();
  summary = await seedDemo(database.db, {
    passwordHash: PASSWORD_HASH,
    cipher,
    now: new Date('2026-11-20T00:00:00Z'),
  });
  seedMs = performance.now() - started;
});
afterAll(() => database.dispose());

describe('seedDemo', () => {
  it('loads quickly, in one go', () => {
    expect(seedMs).toBeLessThan(5000);
  });

  it('stores what the summary counts', async () => {
    const db = database.db;
    const byKind = await db
      .selectFrom('area')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const counted = Object.fromEntries(AREA_KINDS.map((k) => [k, 0]));
    for (const row of byKind) counted[row.kind] = Number(row.n);
    expect(summary.areas).toEqual(counted);
    expect(summary.areas).toMatchObject({ banner: 1, town: 6, enterprise_grid: 2 });
    expect(summary.areas.micro_grid).toBeGreaterThan(0);

    const count = async (table: 'household' | 'app_user' | 'department' | 'routing_rule') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    expect(await count('household')).toBe(summary.households);
    expect(summary.households).toBeGreaterThanOrEqual(3000);
    expect(summary.households).toBeLessThanOrEqual(5000);
    expect(await count('app_user')).toBe(summary.users);
    expect(await count('department')).toBe(summary.departments);
    expect(await count('routing_rule')).toBe(7);
  });

  it('names every department in English, and in Mongolian script where a draft exists (issue 8)', async () => {
    const rows = await database.db
      .selectFrom('department')
      .select(['code', 'name_en', 'name_mn'])
      .orderBy('code')
      .execute();
    for (const d of rows) {
      expect(d.name_en, d.code).toMatch(/^[A-Za-z][A-Za-z '-]+$/);
      if (d.name_mn !== null) expect(d.name_mn, d.code).toMatch(/^[\u1800-\u18AF ]+$/);
    }
    const mongolian = new Map(rows.map((d) => [d.code, d.name_mn]));
    expect(mongolian.get('public_security')).toBe('ᠣᠯᠠᠨ ᠠᠮᠤᠷ ᠤᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ');
    expect(mongolian.get('civil_affairs')).toBe('ᠢᠷᠭᠡᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ');
  });

  it('routes each case type to its department', async () => {
    const rules = await database.db
      .selectFrom('routing_rule')
      .innerJoin('department', 'department.id', 'routing_rule.department_id')
      .select(['routing_rule.case_type', 'department.code', 'routing_rule.area_id'])
      .orderBy('routing_rule.case_type')
      .execute();
    expect(rules.map((r) => [r.case_type, r.code, r.area_id])).toEqual([
      ['environment', 'environment', null],
      ['labour_wages', 'human_resources', null],
      ['land_grassland', 'natural_resources', null],
      ['marriage_family', 'womens_federation', null],
      ['neighbour', 'justice', null],
      ['property', 'housing', null],
      ['public_security', 'public_security', null],
    ]);
  });

  it('creates every demo account with its assignment in an existing area', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(STORY_ROSTER);
    expect(DEMO_PASSWORD).toBe('zhizhi-demo-2026');
    const rows = await database.db
      .selectFrom('app_user')
      .innerJoin('assignment', 'assignment.user_id', 'app_user.id')
      .leftJoin('area', 'area.id', 'assignment.area_id')
      .leftJoin('department', 'department.id', 'assignment.department_id')
      .select([
        'app_user.username',
        'app_user.display_name',
        'app_user.password_hash',
        'app_user.password_is_demo',
        'app_user.phone_enc',
        'assignment.role',
        'assignment.area_id',
        'assignment.title',
        'area.code as area_code',
        'department.code as department_code',
      ])
      .execute();
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
    for (const account of DEMO_ACCOUNTS) {
      const row = rows.find((r) => r.username === account.username);
      expect(row, account.username).toMatchObject({
        display_name: account.displayName,
        password_hash: PASSWORD_HASH,
        password_is_demo: 1,
        role: account.role,
        area_code: account.areaCode,
        department_code: account.departmentCode,
        title: account.title ?? null,
      });
      expect(row?.area_id).not.toBeNull();
      expect(cipher.decrypt(row?.phone_enc as string)).toMatch(/^1\d{10}$/);
      expect(row?.display_name).toMatch(/[\u4e00-\u9fff]/);
    }
    const story = (username: string) => rows.find((r) => r.username === username)?.area_code;
    expect(story('grid.chief')).toBe(DEMO_CODES.pastoralGrid);
    expect(story('grid2.chief')).toBe(DEMO_CODES.otherGrid);
    expect(story('village.operator')).toBe(DEMO_CODES.storyVillage);
    expect(story('town.operator')).toBe(DEMO_CODES.storyTown);
    expect(story('galutu.worker')).toBe(DEMO_CODES.galutuCommunityGrid);
    expect(summary.credentials).toHaveLength(DEMO_ACCOUNTS.length);
    expect(summary.credentials[0]).toMatchObject({
      username: 'admin',
      password: DEMO_PASSWORD,
      area: '乌审旗',
    });
  });

  it('passes every area check and finds the story grids by point', async () => {
    const areas = createAreaService(database.db, { unitGrid: 50, microGrid: 15 });
    expect(await areas.checks()).toEqual([]);

    const pg = await database.db
      .selectFrom('area')
      .select('id')
      .where('code', '=', DEMO_CODES.pastoralGrid)
      .executeTakeFirstOrThrow();
    const hit = await areas.gridOf(DEMO_PLACES.pastoralGrid.lng, DEMO_PLACES.pastoralGrid.lat);
    expect(hit?.gridId).toBe(pg.id);
    const other = await areas.gridOf(DEMO_PLACES.otherGrid.lng, DEMO_PLACES.otherGrid.lat);
    expect((await areas.getArea(other?.gridId as string))?.code).toBe(DEMO_CODES.otherGrid);
    const seat = await areas.gridOf(DEMO_PLACES.galutuCommunity.lng, DEMO_PLACES.galutuCommunity.lat);
    const level1 = await areas.handlingAreaFor(seat?.gridId as string, 1);
    expect((await areas.getArea(level1))?.code).toBe(DEMO_PLACES.galutuCommunity.communityGridCode);
    expect(await areas.gridOf(DEMO_PLACES.outside.lng, DEMO_PLACES.outside.lat)).toBeUndefined();
  });

  it('refuses to seed a database that already has areas', async () => {
    await expect(
      seedDemo(database.db, { passwordHash: PASSWORD_HASH, cipher, now: new Date() }),
    ).rejects.toThrow(/empty database/);
  });
});
