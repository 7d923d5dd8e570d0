import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { isUniqueViolation, startsWith } from '../../platform/db/sql.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createCipher } from '../../platform/personal-data.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import {
  appErrorOf as failure,
  insertAreaTree,
  insertDepartment,
  insertUser,
  TWO_TOWN_TREE,
} from '../../testing/fixtures.ts';
import { usernameProblem } from './account-rules.ts';
import { verifyPassword } from './passwords.ts';
import { createUsersService, type UsersService } from './users.ts';

let database: TestDatabase;
let db: Db;
let users: UsersService;
const clock = new ManualClock('2026-11-23T01:30:00.000Z');
const cipher = createCipher(randomBytes(32));
let areas: Record<string, { id: string; path: string }> = {};
let policeId: string;

const id = (key: string) => areas[key]?.id ?? 'missing';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  users = createUsersService(db, { clock, cipher });
  areas = await insertAreaTree(db, TWO_TOWN_TREE, { codePrefix: 'c_', at: clock.now().toISOString() });
  policeId = await insertDepartment(db, {
    code: 'police',
    nameZh: '公安局',
    nameEn: 'Police',
    at: clock.now().toISOString(),
  });
});
afterAll(() => database.dispose());

describe('usernames', () => {
  it('accepts lowercase names, refuses phone numbers (issue 7 #4) and the rest', () => {
    expect(usernameProblem('zhang.san-1')).toBeUndefined();
    expect(usernameProblem('13812345678')).toBeDefined();
    expect(usernameProblem('0477-1234567')).toBeDefined();
    expect(usernameProblem('a')).toBeDefined();
    expect(usernameProblem('Zhang')).toBeDefined();
    expect(usernameProblem('张三')).toBeDefined();
    expect(usernameProblem('x'.repeat(51))).toBeDefined();
  });

  it('escapes LIKE wildcards in prefixes', async () => {
    const rows = await db.selectFrom('area').select('code').where(startsWith('code', 'c\\_gr%')).execute();
    expect(rows).toEqual([]);
    const grids = await db.selectFrom('area').select('code').where(startsWith('code', 'c_grid')).execute();
    expect(grids.map((r) => r.code).sort()).toEqual(['c_grid', 'c_grid2']);
  });
});

describe('createUser', () => {
  it('creates a user with assignments, hashes the password and encrypts the phone', async () => {
    const user = await users.createUser({
      username: 'wang.wu',
      displayName: ' 王五 ',
      password: 'correct horse battery',
      phone: '13812345678',
      assignments: [
        { role: 'grid_worker', areaId: id('grid') },
        { role: 'social_force', areaId: id('village'), title: '乡贤' },
      ],
    });
    expect(user).toMatchObject({
      username: 'wang.wu',
      displayName: '王五',
      phone: '138****5678',
      active: true,
      passwordIsDemo: false,
      createdAt: '2026-11-23T01:30:00.000Z',
    });
    expect(user.assignments.map((a) => [a.role, a.areaId, a.areaName, a.title])).toEqual([
      ['grid_worker', id('grid'), '区域grid', null],
      ['social_force', id('village'), '区域village', '乡贤'],
    ]);
    const row = await db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13812345678');
    expect(cipher.decrypt(row.phone_enc ?? '')).toBe('13812345678');
    expect(await verifyPassword(row.password_hash, 'correct horse battery')).toBe(true);
  });

  it('refuses bad input, naming the field', async () => {
    const base = { username: 'li.si', displayName: '李四', password: 'long enough pw', assignments: [] };
    const cases: [Parameters<UsersService['createUser']>[0], string][] = [
      [{ ...base, username: 'LiSi', assignments: [{ role: 'admin' }] }, 'username'],
      [{ ...base, password: 'short', assignments: [{ role: 'admin' }] }, 'password'],
      [{ ...base, displayName: '  ', assignments: [{ role: 'admin' }] }, 'displayName'],
      [{ ...base, phone: '12345', assignments: [{ role: 'admin' }] }, 'phone'],
      [base, 'assignments'],
      [{ ...base, assignments: [{ role: 'wizard' }] }, 'assignments[0].role'],
      [{ ...base, assignments: [{ role: 'grid_chief' }] }, 'assignments[0].areaId'],
      [{ ...base, assignments: [{ role: 'grid_chief', areaId: uuidv7() }] }, 'assignments[0].areaId'],
      [{ ...base, assignments: [{ role: 'resident', areaId: id('town') }] }, 'assignments[0].areaId'],
      [{ ...base, assignments: [{ role: 'department_handler' }] }, 'assignments[0].departmentId'],
      [
        { ...base, assignments: [{ role: 'department_handler', departmentId: uuidv7() }] },
        'assignments[0].departmentId',
      ],
      [
        {
          ...base,
          assignments: [
            { role: 'grid_chief', areaId: id('grid') },
            { role: 'grid_chief', areaId: id('grid') },
          ],
        },
        'assignments[1]',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await failure(users.createUser(input));
      expect(error.status, field).toBe(400);
      expect(error.details, field).toEqual({ field });
    }
    const none = await db.selectFrom('app_user').select('id').where('username', '=', 'li.si').execute();
    expect(none).toEqual([]);
  });

  it('refuses a taken username with 409', async () => {
    const input = {
      username: 'dup.user',
      displayName: '重复',
      password: 'long enough pw',
      assignments: [{ role: 'department_handler', departmentId: policeId }],
    };
    await users.createUser(input);
    const error = await failure(users.createUser(input));
    expect(error.status).toBe(409);
  });

  it('recognises unique violations from the database itself', async () => {
    const error = await insertUser(db, {
      username: 'dup.user',
      displayName: 'x',
      passwordHash: 'x',
      at: clock.now().toISOString(),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });
});

describe('residents', () => {
  it('registers a resident in their home grid with the phone as username', async () => {
    const user = await users.registerResident({
      phone: '13900001111',
      password: 'resident pass',
      displayName: '牧民',
      gridId: id('grid'),
    });
    // The phone is not the username (issue 7 #4): it is kept encrypted, behind a blind index.
    expect(user.username).toMatch(/^r\.[0-9a-f]{12}$/);
    expect(user.phone).toBe('139****1111');
    expect(user.assignments).toMatchObject([{ role: 'resident', areaId: id('grid') }]);
    const again = await failure(
      users.registerResident({
        phone: '13900001111',
        password: 'resident pass',
        displayName: 'x',
        gridId: id('grid'),
      }),
    );
    expect(again.status).toBe(409);
    expect(again.details).toEqual({ field: 'phone' });
  });

  it('needs a real grid and a mobile number', async () => {
    const notGrid = await failure(
      users.registerResident({
        phone: '13900002222',
        password: 'resident pass',
        displayName: 'x',
        gridId: id('town'),
      }),
    );
    expect(notGrid.details).toEqual({ field: 'gridId' });
    const landline = await failure(
      users.registerResident({
        phone: '0477-1234567',
        password: 'resident pass',
        displayName: 'x',
        gridId: id('grid'),
      }),
    );
    expect(landline.details).toEqual({ field: 'phone' });
  });
});

describe('listUsers', () => {
  beforeAll(async () => {
    for (const [username, role, area] of [
      ['chief.town2', 'grid_chief', 'grid2'],
      ['worker.grid', 'grid_worker', 'grid'],
      ['guide.village', 'grid_guide', 'village'],
    ] as const) {
      await users.createUser({
        username,
        displayName: `名字 ${username}`,
        password: 'long enough pw',
        assignments: [{ role, areaId: id(area) }],
      });
    }
  });

  it('filters by area subtree, role and text, on one assignment', async () => {
    const inTown = await users.listUsers({ areaId: id('town'), limit: 50, offset: 0 });
    expect(inTown.items.map((u) => u.displayName)).toContain('牧民');
    expect(inTown.items.map((u) => u.username).filter((n) => !n.startsWith('r.'))).toEqual([
      'guide.village',
      'wang.wu',
      'worker.grid',
    ]);
    expect(inTown.total).toBe(4);
    const workers = await users.listUsers({ areaId: id('town'), role: 'grid_worker', limit: 50, offset: 0 });
    expect(workers.items.map((u) => u.username)).toEqual(['wang.wu', 'worker.grid']);
    const text = await users.listUsers({ q: 'WANG', limit: 50, offset: 0 });
    expect(text.items.map((u) => u.username)).toEqual(['wang.wu']);
    const wildcard = await users.listUsers({ q: '%', limit: 50, offset: 0 });
    expect(wildcard.total).toBe(0);
  });

  it('pages and restricts to the given subtrees', async () => {
    const all = await users.listUsers({ limit: 2, offset: 1 });
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(6);
    const reach = await users.listUsers({ withinPaths: [areas.town2?.path ?? ''], limit: 50, offset: 0 });
    expect(reach.items.map((u) => u.username)).toEqual(['chief.town2']);
    const nowhere = await users.listUsers({ withinPaths: [], limit: 50, offset: 0 });
    expect(nowhere.total).toBe(0);
    const outside = await users.listUsers({
      withinPaths: [areas.town2?.path ?? ''],
      areaId: id('town'),
      limit: 50,
      offset: 0,
    });
    expect(outside.total).toBe(0);
  });

  it('names a bad filter', async () => {
    expect((await failure(users.listUsers({ areaId: 'nope', limit: 1, offset: 0 }))).details).toEqual({
      field: 'areaId',
    });
    expect((await failure(users.listUsers({ role: 'wizard', limit: 1, offset: 0 }))).details).toEqual({
      field: 'role',
    });
  });
});

describe('assignments, activity and passwords', () => {
  it('adds and removes assignments, refusing duplicates and strangers', async () => {
    const user = await users.createUser({
      username: 'mover',
      displayName: '调动',
      password: 'long enough pw',
      assignments: [{ role: 'grid_worker', areaId: id('grid') }],
    });
    const added = await users.addAssignment(user.id, { role: 'grid_chief', areaId: id('grid2') });
    expect(added).toMatchObject({ role: 'grid_chief', areaId: id('grid2') });
    expect(
      (await failure(users.addAssignment(user.id, { role: 'grid_chief', areaId: id('grid2') }))).status,
    ).toBe(409);
    expect((await failure(users.addAssignment(uuidv7(), { role: 'admin' }))).status).toBe(404);
    expect((await failure(users.removeAssignment(user.id, uuidv7()))).status).toBe(404);
    await users.removeAssignment(user.id, added.id);
    expect((await users.getUser(user.id)).assignments.map((a) => a.role)).toEqual(['grid_worker']);
    expect(await users.areaPathsOf(user.id)).toEqual([areas.grid?.path]);
  });

  it('never leaves the platform without an active administrator', async () => {
    const first = await users.createUser({
      username: 'admin.one',
      displayName: '管理员一',
      password: 'long enough pw',
      assignments: [{ role: 'admin' }],
    });
    const adminAssignment = first.assignments[0]?.id ?? '';
    expect((await failure(users.setActive(first.id, false))).status).toBe(409);
    expect((await failure(users.removeAssignment(first.id, adminAssignment))).status).toBe(409);
    const second = await users.createUser({
      username: 'admin.two',
      displayName: '管理员二',
      password: 'long enough pw',
      assignments: [{ role: 'admin' }],
    });
    expect((await users.setActive(first.id, false)).active).toBe(false);
    expect((await failure(users.setActive(second.id, false))).status).toBe(409);
    // An inactive user's admin role can go: it administers nothing.
    await users.removeAssignment(first.id, adminAssignment);
    expect((await users.setActive(first.id, true)).active).toBe(true);
  });

  it('resets a password: demo flag cleared, sessions ended', async () => {
    const user = await users.createUser({
      username: 'forgetful',
      displayName: '健忘',
      password: 'long enough pw',
      assignments: [{ role: 'grid_worker', areaId: id('grid') }],
    });
    await db.updateTable('app_user').set({ password_is_demo: 1 }).where('id', '=', user.id).execute();
    const at = clock.now().toISOString();
    await db
      .insertInto('auth_session')
      .values({ token_hash: 'h1', user_id: user.id, created_at: at, expires_at: at })
      .execute();
    clock.advance(60_000);
    await users.resetPassword('forgetful', 'brand new password');
    const row = await db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_is_demo).toBe(0);
    expect(row.updated_at).toBe(clock.now().toISOString());
    expect(await verifyPassword(row.password_hash, 'brand new password')).toBe(true);
    const sessions = await db
      .selectFrom('auth_session')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toEqual([]);
    expect((await failure(users.resetPassword('nobody', 'brand new password'))).status).toBe(404);
    expect((await failure(users.resetPassword('forgetful', 'short'))).details).toEqual({ field: 'password' });
  });

  it('reveals a phone only with a log entry', async () => {
    const user = (await users.listUsers({ q: 'wang.wu', limit: 1, offset: 0 })).items[0];
    const viewer = uuidv7();
    expect(await users.revealPhone(viewer, user?.id ?? '')).toBe('13812345678');
    const log = await db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('user_id', '=', viewer)
      .execute();
    expect(log).toMatchObject([
      { subject: user?.id, field: 'phone', reason: 'account_admin', at: clock.now().toISOString() },
    ]);
    expect((await failure(users.revealPhone(viewer, uuidv7()))).status).toBe(404);
  });
});
