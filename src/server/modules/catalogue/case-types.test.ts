import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../database.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import {
  createCaseType,
  DEFAULT_CASE_TYPES,
  findCaseType,
  listCaseTypes,
  seedCatalogueDefaults,
  updateCaseType,
} from './case-types.ts';
import { createDepartment, findDepartmentByCode, listDepartments, updateDepartment } from './departments.ts';

let database: TestDatabase;
let db: Db;

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
});
afterAll(() => database.dispose());

describe('the default catalogue', () => {
  it('holds the ten types of the brief with valid codes and difficulties', () => {
    expect(DEFAULT_CASE_TYPES.map((t) => `${t.code} ${t.nameZh}`)).toEqual([
      'neighbour 邻里纠纷',
      'land_grassland 土地草牧场纠纷',
      'labour_wages 劳资纠纷',
      'marriage_family 婚姻家庭纠纷',
      'property 物业纠纷',
      'environment 环境污染',
      'public_security 治安隐患',
      'infrastructure 基础设施',
      'petition 信访诉求',
      'other 其他',
    ]);
    for (const t of DEFAULT_CASE_TYPES) {
      expect(t.code).toMatch(/^[a-z][a-z0-9_]{1,39}$/);
      expect(['simple', 'general', 'difficult']).toContain(t.defaultDifficulty);
      expect(t.nameEn.length).toBeGreaterThan(0);
      // Traditional Mongolian script (issue 7 #16), so the resident app's Mongolian screens name the type.
      expect(t.nameMn, t.code).toMatch(/^[\u1800-\u18AF\u202F ]+$/);
    }
  });

  it('is seeded into an empty table once, and never over an edited one', async () => {
    expect(await seedCatalogueDefaults(db)).toBe(10);
    expect(await seedCatalogueDefaults(db)).toBe(0);
    const types = await listCaseTypes(db, { includeInactive: true });
    expect(types.map((t) => t.code)).toEqual(DEFAULT_CASE_TYPES.map((t) => t.code));
    expect(types[0]).toEqual({
      code: 'neighbour',
      nameZh: '邻里纠纷',
      nameEn: 'Neighbour dispute',
      nameMn: 'ᠬᠥᠷᠰᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
      defaultDifficulty: 'simple',
      active: true,
      sort: 10,
    });
    await db.deleteFrom('case_type').where('code', '<>', 'other').execute();
    expect(await seedCatalogueDefaults(db)).toBe(0);
    await db.deleteFrom('case_type').execute();
    expect(await seedCatalogueDefaults(db)).toBe(10);
  });

  it('seeds inside a transaction too', async () => {
    await db.deleteFrom('case_type').execute();
    await db.transaction().execute(async (tx) => {
      expect(await seedCatalogueDefaults(tx)).toBe(10);
    });
    expect(await listCaseTypes(db, { includeInactive: false })).toHaveLength(10);
  });
});

describe('editing case types', () => {
  it('adds a type after the last one and refuses a taken code', async () => {
    const made = await createCaseType(db, {
      code: 'grassland_fire',
      nameZh: ' 草原火情 ',
      nameEn: 'Grassland fire',
      defaultDifficulty: 'difficult',
    });
    expect(made).toEqual({
      code: 'grassland_fire',
      nameZh: '草原火情',
      nameEn: 'Grassland fire',
      nameMn: null,
      defaultDifficulty: 'difficult',
      active: true,
      sort: 110,
    });
    expect(await findCaseType(db, 'grassland_fire')).toEqual(made);
    const dup = await failure(
      createCaseType(db, { code: 'neighbour', nameZh: 'x', nameEn: 'x', defaultDifficulty: 'simple' }),
    );
    expect(dup.status).toBe(409);
  });

  it('names the bad field', async () => {
    const base = { code: 'ok_code', nameZh: '名', nameEn: 'Name', defaultDifficulty: 'simple' };
    for (const [input, field] of [
      [{ ...base, code: 'Bad' }, 'code'],
      [{ ...base, code: 'x' }, 'code'],
      [{ ...base, code: '1abc' }, 'code'],
      [{ ...base, nameZh: ' ' }, 'nameZh'],
      [{ ...base, nameEn: 'x'.repeat(101) }, 'nameEn'],
      [{ ...base, nameMn: 'ᠮ'.repeat(101) }, 'nameMn'],
      [{ ...base, defaultDifficulty: 'long_pending' }, 'defaultDifficulty'],
      [{ ...base, sort: -1 }, 'sort'],
    ] as const) {
      const error = await failure(createCaseType(db, input));
      expect(error.details, field).toEqual({ field });
    }
  });

  it('updates names, difficulty, activity and order; hides inactive types by default', async () => {
    const updated = await updateCaseType(db, 'petition', {
      nameEn: 'Petition (信访)',
      defaultDifficulty: 'general',
      active: false,
      sort: 5,
    });
    expect(updated).toMatchObject({
      nameEn: 'Petition (信访)',
      defaultDifficulty: 'general',
      active: false,
      sort: 5,
    });
    const active = await listCaseTypes(db, { includeInactive: false });
    expect(active.map((t) => t.code)).not.toContain('petition');
    const all = await listCaseTypes(db, { includeInactive: true });
    expect(all[0]?.code).toBe('petition');
    expect((await failure(updateCaseType(db, 'nope', { active: true }))).status).toBe(404);
    expect(await updateCaseType(db, 'petition', { nameMn: ' ᠭᠣᠮᠳᠠᠯ ' })).toMatchObject({ nameMn: 'ᠭᠣᠮᠳᠠᠯ' });
    expect(await updateCaseType(db, 'petition', { nameMn: null })).toMatchObject({ nameMn: null });
    expect((await failure(updateCaseType(db, 'nope', {}))).status).toBe(404);
    expect((await failure(updateCaseType(db, 'petition', { defaultDifficulty: 'hard' }))).details).toEqual({
      field: 'defaultDifficulty',
    });
  });
});

describe('departments', () => {
  it('creates, lists, renames and recodes departments', async () => {
    const police = await createDepartment(
      db,
      { code: 'police', nameZh: '公安局', nameEn: 'Public Security Bureau' },
      '2026-11-23T01:30:00.000Z',
    );
    const civil = await createDepartment(
      db,
      { code: 'civil_affairs', nameZh: '民政局', nameEn: 'Civil Affairs' },
      '2026-11-23T01:30:00.000Z',
    );
    expect(police).toMatchObject({ code: 'police', createdAt: '2026-11-23T01:30:00.000Z' });
    expect((await listDepartments(db)).map((d) => d.code)).toEqual(['civil_affairs', 'police']);
    expect(
      (
        await failure(
          createDepartment(db, { code: 'police', nameZh: 'x', nameEn: 'x' }, '2026-11-23T01:30:00.000Z'),
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await failure(
          createDepartment(db, { code: 'Police!', nameZh: 'x', nameEn: 'x' }, '2026-11-23T01:30:00.000Z'),
        )
      ).details,
    ).toEqual({ field: 'code' });
    const renamed = await updateDepartment(db, police.id, { nameZh: '旗公安局', code: 'public_security' });
    expect(renamed).toMatchObject({ id: police.id, code: 'public_security', nameZh: '旗公安局' });
    expect(await findDepartmentByCode(db, 'public_security')).toEqual(renamed);
    expect((await failure(updateDepartment(db, civil.id, { code: 'public_security' }))).status).toBe(409);
    expect((await updateDepartment(db, civil.id, { code: 'civil_affairs' })).code).toBe('civil_affairs');
    expect((await failure(updateDepartment(db, 'nope', { nameZh: 'x' }))).status).toBe(404);
  });
});
