import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { calendarFrom } from './calendar.ts';
import { CALENDAR_2026, DEFAULT_DEADLINE_RULES, seedDeadlineDefaults } from './defaults.ts';
import {
  createDeadlineService,
  type DeadlineRuleInput,
  loadCalendar,
  loadDeadlineRules,
  resolveLimit,
} from './rules.ts';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('resolveLimit', () => {
  const rule = (
    level: DeadlineRuleInput['level'],
    caseType: string | null,
    amount: number,
  ): DeadlineRuleInput => ({ step: 'handle', level, caseType, amount, unit: 'workday' });
  const rules: DeadlineRuleInput[] = [
    rule(null, null, 10),
    rule(2, null, 5),
    rule(null, 'labour', 7),
    rule(2, 'labour', 2),
    { step: 'verify', level: null, caseType: null, amount: 4, unit: 'workhour' },
  ];

  it('lets the most specific rule win: step+level+type > step+type > step+level > step', () => {
    expect(resolveLimit(rules, 'handle', 2, 'labour')).toEqual({ amount: 2, unit: 'workday' });
    expect(resolveLimit(rules, 'handle', 3, 'labour')).toEqual({ amount: 7, unit: 'workday' });
    expect(resolveLimit(rules, 'handle', 2, 'neighbour')).toEqual({ amount: 5, unit: 'workday' });
    expect(resolveLimit(rules, 'handle', 2, null)).toEqual({ amount: 5, unit: 'workday' });
    expect(resolveLimit(rules, 'handle', 4, null)).toEqual({ amount: 10, unit: 'workday' });
    expect(resolveLimit(rules, 'verify', 1, 'labour')).toEqual({ amount: 4, unit: 'workhour' });
  });

  it('does not depend on the order of the rules', () => {
    const reversed = [...rules].reverse();
    expect(resolveLimit(reversed, 'handle', 2, 'labour')).toEqual({ amount: 2, unit: 'workday' });
    expect(resolveLimit(reversed, 'handle', 3, 'labour')).toEqual({ amount: 7, unit: 'workday' });
  });

  it('is undefined when no rule covers the step', () => {
    expect(resolveLimit(rules, 'visit', 1, null)).toBeUndefined();
    expect(resolveLimit([rule(1, null, 3)], 'handle', 2, null)).toBeUndefined();
  });

  it('applies the defaults as specified', () => {
    const d = DEFAULT_DEADLINE_RULES;
    expect(resolveLimit(d, 'register', 3, null)).toEqual({ amount: 4, unit: 'workhour' });
    expect(resolveLimit(d, 'dispatch', 1, 'neighbour')).toEqual({ amount: 4, unit: 'workhour' });
    expect(resolveLimit(d, 'accept', 5, null)).toEqual({ amount: 1, unit: 'workday' });
    expect([1, 2, 3, 4, 5].map((l) => resolveLimit(d, 'handle', l, 'neighbour')?.amount)).toEqual([
      3, 5, 10, 15, 20,
    ]);
    expect(resolveLimit(d, 'handle', 1, 'public_security')).toEqual({ amount: 1, unit: 'workday' });
    expect(resolveLimit(d, 'handle', 2, 'public_security')).toEqual({ amount: 5, unit: 'workday' });
    expect(resolveLimit(d, 'verify', 1, null)).toEqual({ amount: 2, unit: 'workday' });
    expect(resolveLimit(d, 'visit', 1, null)).toEqual({ amount: 3, unit: 'workday' });
  });
});

describe('the 2026 calendar data', () => {
  it('lists each day once, as a real date in 2026', () => {
    const days = CALENDAR_2026.map((e) => e.day);
    expect(new Set(days).size).toBe(days.length);
    expect(days.every((d) => /^2026-\d{2}-\d{2}$/.test(d))).toBe(true);
  });

  it('has the published holidays and make-up workdays', () => {
    const holidays = CALENDAR_2026.filter((e) => e.kind === 'holiday');
    const workdays = CALENDAR_2026.filter((e) => e.kind === 'workday').map((e) => e.day);
    expect(holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // Every make-up workday falls on a weekend, or it would change nothing.
    for (const day of workdays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
    expect(CALENDAR_2026.find((e) => e.day === '2026-02-17')?.name).toBe('春节');
  });
});

describe('stored rules and calendar', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.dispose());

  it("seeds inside the caller's transaction: a rollback leaves nothing", async () => {
    await expect(
      t.db.transaction().execute(async (tx) => {
        await seedDeadlineDefaults(tx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await loadDeadlineRules(t.db)).toEqual([]);
    expect(await loadCalendar(t.db)).toEqual(calendarFrom([]));
  });

  it('seeds the defaults once, and leaves edited tables alone', async () => {
    expect(await seedDeadlineDefaults(t.db)).toEqual({
      calendarDays: CALENDAR_2026.length,
      rules: DEFAULT_DEADLINE_RULES.length,
    });
    expect(await seedDeadlineDefaults(t.db)).toEqual({ calendarDays: 0, rules: 0 });
    const cal = await loadCalendar(t.db);
    expect(cal).toEqual(calendarFrom(CALENDAR_2026));
    const rules = await loadDeadlineRules(t.db);
    expect(rules).toHaveLength(DEFAULT_DEADLINE_RULES.length);
    expect(rules.map(({ id: _, ...r }) => r)).toEqual(
      expect.arrayContaining(DEFAULT_DEADLINE_RULES.map((r) => ({ ...r }))),
    );
    expect(rules[0]?.step).toBe('register');
    expect(rules.at(-1)?.step).toBe('visit');
  });

  it('computes due times and lights from the stored data, cached until invalidated', async () => {
    const clock = new ManualClock('2026-09-30T02:00:00Z');
    const service = createDeadlineService(t.db, { clock, ttlMs: 60_000 });
    // Handling at the grid, 3 workdays, from the morning before National Day.
    expect(await service.dueAt('handle', 1, 'neighbour', at('2026-09-30 10:00'))).toEqual(
      at('2026-10-10 10:00'),
    );
    expect(await service.dueAt('handle', 1, 'public_security', at('2026-09-30 10:00'))).toEqual(
      at('2026-10-08 10:00'),
    );
    expect(await service.limitFor('register', 1, null)).toEqual({ amount: 4, unit: 'workhour' });
    expect(
      await service.light('2026-09-30T02:00:00.000Z', at('2026-10-10 10:00'), at('2026-10-06 12:00')),
    ).toBe('green');

    // An edit is not seen until the cache is invalidated (or its time runs out).
    await t.db
      .insertInto('calendar_day')
      .values({ day: '2026-10-08', kind: 'holiday', name: '测试' })
      .execute();
    expect(await service.dueAt('handle', 1, 'public_security', at('2026-09-30 10:00'))).toEqual(
      at('2026-10-08 10:00'),
    );
    service.invalidate();
    expect(await service.dueAt('handle', 1, 'public_security', at('2026-09-30 10:00'))).toEqual(
      at('2026-10-09 10:00'),
    );

    await t.db.deleteFrom('calendar_day').where('day', '=', '2026-10-08').execute();
    clock.advance(59_000);
    expect((await service.calendar()).holidays.has('2026-10-08')).toBe(true);
    clock.advance(2_000);
    expect((await service.calendar()).holidays.has('2026-10-08')).toBe(false);
  });

  it('hands out one synchronous snapshot of working time per load', async () => {
    const service = createDeadlineService(t.db, { clock: new ManualClock('2026-09-30T02:00:00Z') });
    const wt = await service.current();
    expect(await service.current()).toBe(wt);
    expect(wt.workdayMinutes).toBe(420);
    expect(wt.addMinutes(at('2026-09-30 17:00'), 60)).toEqual(at('2026-10-08 09:30'));
    expect(wt.minutesBetween(at('2026-09-30 17:00'), at('2026-10-08 09:30'))).toBe(60);
    expect(wt.dueAt('dispatch', 2, null, at('2026-09-30 15:00'))).toEqual(at('2026-10-08 10:30'));
    expect(wt.light(at('2026-09-30 15:00'), at('2026-10-08 10:30'), at('2026-10-08 09:00'))).toBe('green');
    expect(wt.light(at('2026-09-30 15:00'), at('2026-10-08 10:30'), at('2026-10-08 10:00'))).toBe('yellow');
    service.invalidate();
    expect(await service.current()).not.toBe(wt);
  });

  it('has no due time for a step no rule covers', async () => {
    await t.db.deleteFrom('deadline_rule').where('step', '=', 'visit').execute();
    const service = createDeadlineService(t.db);
    expect(await service.dueAt('visit', 1, null, at('2026-11-23 09:00'))).toBeUndefined();
  });
});
