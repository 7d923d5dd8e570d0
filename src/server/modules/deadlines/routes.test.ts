import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { insertUser, signIn, testPasswordHash } from '../../testing/fixtures.ts';
import { DEFAULT_DEADLINE_RULES, seedDeadlineDefaults } from './defaults.ts';

let t: TestApp;
let admin: Record<string, string>;
let worker: Record<string, string>;

/** A new user holding `role` in no particular area, signed in. */
async function signedIn(username: string, role: Role): Promise<Record<string, string>> {
  await insertUser(t.database.db, {
    username,
    passwordHash: await testPasswordHash(),
    assignments: [{ role }],
  });
  return signIn(t.app, username);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDeadlineDefaults(t.database.db);
  admin = await signedIn('admin', 'admin');
  worker = await signedIn('worker', 'grid_worker');
});
afterAll(() => t.close());

describe('deadline rules API', () => {
  it('lists the rules to anyone signed in, and to nobody else', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/deadline-rules', headers: worker });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules).toHaveLength(DEFAULT_DEADLINE_RULES.length);
    expect(res.json().rules[0]).toMatchObject({ step: 'register', level: null, amount: 4, unit: 'workhour' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/deadline-rules' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets only an administrator replace the set', async () => {
    const rules = [{ step: 'handle', level: null, caseType: null, amount: 2, unit: 'workday' }];
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deadline-rules',
      headers: worker,
      payload: { rules },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
  });

  it('replaces the whole set and the next due time uses it', async () => {
    const current = (
      await t.app.inject({ method: 'GET', url: '/api/v1/deadline-rules', headers: admin })
    ).json().rules as { id: string; step: string; level: number | null; amount: number }[];
    // A round trip of what GET returned (ids included) is accepted; change one limit.
    const edited = current.map((r) => (r.step === 'accept' ? { ...r, amount: 2.5 } : r));
    edited.push({
      id: 'new',
      step: 'handle',
      level: 3,
      caseType: 'labour',
      amount: 8,
      unit: 'workday',
    } as never);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deadline-rules',
      headers: admin,
      payload: { rules: edited },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rules).toHaveLength(current.length + 1);
    const after = (
      await t.app.inject({ method: 'GET', url: '/api/v1/deadline-rules', headers: admin })
    ).json().rules as { id: string; step: string; amount: number; caseType: string | null }[];
    expect(after.find((r) => r.step === 'accept')?.amount).toBe(2.5);
    expect(after.find((r) => r.caseType === 'labour')?.amount).toBe(8);
    expect(after.map((r) => r.id)).not.toContain(current[0]?.id);
  });

  it('validates every rule and names the field', async () => {
    const base = { step: 'handle', level: 1, caseType: null, amount: 1, unit: 'workday' };
    const put = (rule: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/deadline-rules',
        headers: admin,
        payload: { rules: [rule] },
      });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, step: 'archive' }, 'rules.0.step'],
      [{ ...base, level: 6 }, 'rules.0.level'],
      [{ ...base, level: 0 }, 'rules.0.level'],
      [{ ...base, level: 2.5 }, 'rules.0.level'],
      [{ ...base, caseType: '' }, 'rules.0.caseType'],
      [{ ...base, amount: 0 }, 'rules.0.amount'],
      [{ ...base, amount: -3 }, 'rules.0.amount'],
      [{ ...base, unit: 'week' }, 'rules.0.unit'],
      [{ ...base, colour: 'red' }, 'rules.0.colour'],
    ];
    for (const [rule, field] of cases) {
      const res = await put(rule);
      expect(res.statusCode, JSON.stringify(rule)).toBe(400);
      expect(res.json().error.details.field, JSON.stringify(rule)).toBe(field);
    }
    const { step: _, ...noStep } = base;
    expect((await put(noStep)).json().error.details.field).toBe('rules.0.step');

    const twice = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deadline-rules',
      headers: admin,
      payload: { rules: [base, { ...base, amount: 2 }] },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details.field).toBe('rules.1');

    // A null level stays null (it is not coerced into 0).
    const any = await put({ ...base, level: null });
    expect(any.statusCode).toBe(200);
    expect(any.json().rules[0].level).toBeNull();
  });
});

describe('calendar API', () => {
  it('lists a year of holidays and make-up workdays', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2026', headers: worker });
    expect(res.statusCode).toBe(200);
    const days = res.json().days as { day: string; kind: string; name: string }[];
    expect(days.find((d) => d.day === '2026-10-10')).toEqual({
      day: '2026-10-10',
      kind: 'workday',
      name: '国庆节调休上班',
    });
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort());
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2025', headers: worker });
    expect(other.json().days).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=next', headers: worker });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar' })).statusCode).toBe(401);
  });

  it('adds, changes and removes a day (administrators only)', async () => {
    const put = (headers: Record<string, string>, day: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/calendar/${day}`, headers, payload });
    expect((await put(worker, '2027-01-01', { kind: 'holiday', name: '元旦' })).statusCode).toBe(403);

    const added = await put(admin, '2027-01-01', { kind: 'holiday', name: ' 元旦 ' });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ day: '2027-01-01', kind: 'holiday', name: '元旦' });
    const changed = await put(admin, '2027-01-01', { kind: 'workday', name: '调休上班' });
    expect(changed.json().kind).toBe('workday');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/calendar?year=2027', headers: admin });
    expect(list.json().days).toEqual([{ day: '2027-01-01', kind: 'workday', name: '调休上班' }]);

    const del = (headers: Record<string, string>, day: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/calendar/${day}`, headers });
    expect((await del(worker, '2027-01-01')).statusCode).toBe(403);
    expect((await del(admin, '2027-01-01')).statusCode).toBe(204);
    expect((await del(admin, '2027-01-01')).statusCode).toBe(404);
  });

  it('rejects bad days and bodies with a 400 naming the field', async () => {
    const put = (day: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/calendar/${day}`, headers: admin, payload });
    const notADate = await put('2026-02-30', { kind: 'holiday', name: 'x' });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.json().error.details.field).toBe('day');
    expect((await put('soon', { kind: 'holiday', name: 'x' })).statusCode).toBe(400);
    const kind = await put('2026-12-25', { kind: 'party', name: 'x' });
    expect(kind.json().error.details.field).toBe('kind');
    const blank = await put('2026-12-25', { kind: 'holiday', name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.field).toBe('name');
    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/calendar/2026-13-01', headers: admin });
    expect(del.statusCode).toBe(400);
  });

  it('appears in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/deadline-rules', '/api/v1/calendar', '/api/v1/calendar/{day}']),
    );
  });
});
