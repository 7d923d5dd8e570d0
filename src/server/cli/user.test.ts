import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../modules/people/passwords.ts';
import { ManualClock } from '../platform/clock.ts';
import { createCipher } from '../platform/personal-data.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { insertArea, insertDepartment } from '../testing/fixtures.ts';
import { userAdd, userResetPassword } from './user.ts';

let database: TestDatabase;
const clock = new ManualClock('2026-11-23T01:30:00.000Z');
const cipher = createCipher(randomBytes(32));

beforeAll(async () => {
  database = await createTestDatabase();
  const at = '2026-01-01T00:00:00.000Z';
  await insertArea(database.db, {
    kind: 'banner',
    code: '150626',
    nameZh: '乌审旗',
    nameEn: 'Wushen Banner',
    at,
  });
  await insertDepartment(database.db, { code: 'police', nameZh: '公安局', nameEn: 'Police', at });
});
afterAll(() => database.dispose());

describe('zhizhi user add', () => {
  it('adds a user by area and department codes', async () => {
    const db = database.db;
    expect(
      await userAdd(db, cipher, clock, {
        username: 'root',
        name: '管理员',
        role: 'admin',
        password: 'long enough pw',
      }),
    ).toBe('user "root" (管理员) added as admin');
    expect(
      await userAdd(db, cipher, clock, {
        username: 'centre',
        name: '受理员',
        role: 'centre_operator',
        area: '150626',
        password: 'long enough pw',
      }),
    ).toBe('user "centre" (受理员) added as centre_operator of 乌审旗 (150626)');
    expect(
      await userAdd(db, cipher, clock, {
        username: 'cop',
        name: '民警',
        role: 'department_handler',
        department: 'police',
        password: 'long enough pw',
      }),
    ).toBe('user "cop" (民警) added as department_handler of 公安局');
    const rows = await db
      .selectFrom('assignment')
      .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
      .select(['app_user.username', 'assignment.role'])
      .orderBy('app_user.username')
      .execute();
    expect(rows).toEqual([
      { username: 'centre', role: 'centre_operator' },
      { username: 'cop', role: 'department_handler' },
      { username: 'root', role: 'admin' },
    ]);
  });

  it('fails with clear messages', async () => {
    const db = database.db;
    const base = { username: 'someone', name: '某人', password: 'long enough pw' };
    await expect(userAdd(db, cipher, clock, { ...base, role: 'king' })).rejects.toThrow(
      /"king" is not a role/,
    );
    await expect(userAdd(db, cipher, clock, { ...base, role: 'grid_worker', area: '999' })).rejects.toThrow(
      'area: no area has the code "999"',
    );
    await expect(
      userAdd(db, cipher, clock, { ...base, role: 'department_handler', department: 'fire' }),
    ).rejects.toThrow('department: no department has the code "fire"');
    await expect(userAdd(db, cipher, clock, { ...base, role: 'grid_worker' })).rejects.toThrow(
      'assignments[0].areaId: the role grid worker needs an area',
    );
    await expect(userAdd(db, cipher, clock, { ...base, role: 'admin', username: 'root' })).rejects.toThrow(
      'username "root" is taken',
    );
    await expect(userAdd(db, cipher, clock, { ...base, role: 'admin', password: 'short' })).rejects.toThrow(
      'password must be at least 8 characters',
    );
  });
});

describe('zhizhi user reset-password', () => {
  it('sets a new password and clears the demo flag', async () => {
    const db = database.db;
    await db.updateTable('app_user').set({ password_is_demo: 1 }).where('username', '=', 'root').execute();
    expect(await userResetPassword(db, { username: 'root', password: 'a fresh password' }, clock)).toBe(
      'password of "root" reset; their sessions have ended',
    );
    const row = await db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'root')
      .executeTakeFirstOrThrow();
    expect(row.password_is_demo).toBe(0);
    expect(await verifyPassword(row.password_hash, 'a fresh password')).toBe(true);
    await expect(userResetPassword(db, { username: 'ghost', password: 'a fresh password' })).rejects.toThrow(
      'user "ghost" not found',
    );
  });
});
