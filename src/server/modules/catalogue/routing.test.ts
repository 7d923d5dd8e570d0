import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../database.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { seedCatalogueDefaults } from './case-types.ts';
import { createDepartment } from './departments.ts';
import { listRoutingRules, replaceRoutingRules, routeCase, selectRoutes } from './routing.ts';

describe('selectRoutes (pure)', () => {
  const grid = '/b/t/v/g/';
  it('prefers rules whose area contains the grid over area-less ones', () => {
    expect(
      selectRoutes(
        [
          { departmentId: 'banner_wide', areaPath: null },
          { departmentId: 'town_office', areaPath: '/b/t/' },
        ],
        grid,
      ),
    ).toEqual(['town_office']);
  });

  it('falls back to area-less rules when no area contains the grid', () => {
    expect(
      selectRoutes(
        [
          { departmentId: 'banner_wide', areaPath: null },
          { departmentId: 'other_town', areaPath: '/b/t2/' },
        ],
        grid,
      ),
    ).toEqual(['banner_wide']);
  });

  it('lets the deepest matching area win, and returns every department it names, once', () => {
    expect(
      selectRoutes(
        [
          { departmentId: 'z_banner', areaPath: '/b/' },
          { departmentId: 'y_village', areaPath: '/b/t/v/' },
          { departmentId: 'x_village', areaPath: '/b/t/v/' },
          { departmentId: 'x_village', areaPath: '/b/t/v/' },
        ],
        grid,
      ),
    ).toEqual(['x_village', 'y_village']);
  });

  it('does not take a sibling with a longer id for an ancestor', () => {
    expect(selectRoutes([{ departmentId: 'd', areaPath: '/b/t/' }], '/b/t2/g/')).toEqual([]);
  });

  it('returns [] without rules', () => {
    expect(selectRoutes([], grid)).toEqual([]);
  });
});

describe('the routing table in the database', () => {
  let database: TestDatabase;
  let db: Db;
  const areas: Record<string, { id: string; path: string }> = {};
  const departments: Record<string, string> = {};

  async function addArea(key: string, kind: string, parent?: string): Promise<void> {
    const id = uuidv7();
    const up = parent ? areas[parent] : undefined;
    const path = `${up?.path ?? '/'}${id}/`;
    await db
      .insertInto('area')
      .values({
        id,
        parent_id: up?.id ?? null,
        kind,
        code: `code_${key}`,
        name_zh: key,
        name_en: key,
        name_mn: null,
        depth: path.split('/').filter(Boolean).length - 1,
        path,
        polygon: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    areas[key] = { id, path };
  }
  const area = (key: string) => areas[key] ?? { id: 'missing', path: '/missing/' };
  const dept = (code: string) => departments[code] ?? 'missing';

  async function failure(promise: Promise<unknown>): Promise<AppError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected an AppError');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await seedCatalogueDefaults(db);
    await addArea('banner', 'banner');
    await addArea('town', 'town', 'banner');
    await addArea('grid', 'unit_grid', 'town');
    await addArea('town2', 'town', 'banner');
    await addArea('grid2', 'unit_grid', 'town2');
    for (const code of ['police', 'town_police', 'land', 'labour']) {
      departments[code] = (
        await createDepartment(db, { code, nameZh: code, nameEn: code }, '2026-01-01T00:00:00.000Z')
      ).id;
    }
  });
  afterAll(() => database.dispose());

  it('replaces the whole table and routes cases by type and area', async () => {
    const rules = await replaceRoutingRules(db, [
      { caseType: 'public_security', departmentId: dept('police') },
      { caseType: 'public_security', departmentId: dept('town_police'), areaId: area('town').id },
      { caseType: 'land_grassland', departmentId: dept('land'), areaId: null },
      { caseType: 'land_grassland', departmentId: dept('police'), areaId: area('banner').id },
    ]);
    expect(rules).toHaveLength(4);
    expect(rules[0]).toMatchObject({ caseType: 'land_grassland', areaId: null, departmentId: dept('land') });
    expect(await listRoutingRules(db)).toEqual(rules);

    expect(await routeCase(db, 'public_security', area('grid').path)).toEqual([dept('town_police')]);
    expect(await routeCase(db, 'public_security', area('grid2').path)).toEqual([dept('police')]);
    expect(await routeCase(db, 'land_grassland', area('grid2').path)).toEqual([dept('police')]);
    expect(await routeCase(db, 'labour_wages', area('grid').path)).toEqual([]);

    const replaced = await replaceRoutingRules(db, [
      { caseType: 'labour_wages', departmentId: dept('labour') },
    ]);
    expect(replaced).toHaveLength(1);
    expect(await routeCase(db, 'public_security', area('grid').path)).toEqual([]);
    expect(await routeCase(db, 'labour_wages', area('grid').path)).toEqual([dept('labour')]);
  });

  it('names the first bad row and changes nothing', async () => {
    const before = await listRoutingRules(db);
    const good = { caseType: 'neighbour', departmentId: dept('police') };
    const cases = [
      [
        [good, { caseType: 'no_such_type', departmentId: dept('police') }],
        'rules[1].caseType',
        'ref.no_such_case_type',
      ],
      [
        [
          good,
          { ...good, caseType: 'property' },
          { ...good, caseType: 'other' },
          { ...good, departmentId: uuidv7() },
        ],
        'rules[3].departmentId',
        'ref.no_such_department',
      ],
      [[{ ...good, areaId: uuidv7() }], 'rules[0].areaId', 'ref.no_such_area'],
      [[good, { ...good, areaId: null }], 'rules[1]', 'validation.duplicate_of'],
    ] as const;
    for (const [rules, field, key] of cases) {
      const error = await failure(replaceRoutingRules(db, rules));
      expect(error.status).toBe(400);
      expect(error.key).toBe(key);
      expect(error.params.field).toBe(field);
      expect(error.details).toEqual({ field });
    }
    expect(await listRoutingRules(db)).toEqual(before);
  });

  it('empties the table when given no rules', async () => {
    expect(await replaceRoutingRules(db, [])).toEqual([]);
    expect(await routeCase(db, 'labour_wages', area('grid').path)).toEqual([]);
  });

  it('takes a large table in one go (more rows than one insert batch)', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      id: uuidv7(),
      code: `dept_${i}`,
      name_zh: `部门${i}`,
      name_en: `Dept ${i}`,
      created_at: '2026-01-01T00:00:00.000Z',
    }));
    await db.insertInto('department').values(many).execute();
    const types = ['neighbour', 'property', 'environment', 'infrastructure', 'other'];
    const rules = types.flatMap((caseType) =>
      many.flatMap((d) => [
        { caseType, departmentId: d.id },
        { caseType, departmentId: d.id, areaId: area('town').id },
      ]),
    );
    expect(rules).toHaveLength(1200);
    expect(await replaceRoutingRules(db, rules)).toHaveLength(1200);
    expect(await routeCase(db, 'property', area('grid').path)).toHaveLength(120);
    const late = [...rules, { caseType: 'other', departmentId: many[0]?.id ?? '', areaId: uuidv7() }];
    expect((await failure(replaceRoutingRules(db, late))).message).toBe('rules[1200].areaId: no such area');
    expect(await listRoutingRules(db)).toHaveLength(1200);
  });
});
