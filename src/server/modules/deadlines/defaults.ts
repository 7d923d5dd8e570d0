/**
 * What a new installation starts with: China's 2026 holiday calendar and a default set of time
 * limits per loop step and level. Both are only a starting point — administrators edit them
 * through the API (/api/v1/calendar, /api/v1/deadline-rules).
 */
import type { Queryable as AnyQueryable } from '../../database.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { CalendarEntry } from './calendar.ts';
import { insertDeadlineRules } from './repository.ts';
import type { DeadlineRuleInput } from './rules.ts';
import type { DeadlinesTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<DeadlinesTables>;

/** Every date from `from` to `to` (inclusive) as a public holiday named `name`. */
function holidays(from: string, to: string, name: string): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    entries.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return entries;
}

/** A weekend day worked to make up for a holiday (调休上班). */
function workday(day: string, name: string): CalendarEntry {
  return { day, kind: 'workday', name };
}

/**
 * 2026 public holidays and make-up workdays as the State Council published them on 2025-11-04
 * (国务院办公厅关于2026年部分节假日安排的通知). The State Council publishes a new arrangement every
 * autumn: administrators enter the next year's days through PUT /api/v1/calendar/{day} each year.
 */
export const CALENDAR_2026: readonly CalendarEntry[] = [
  ...holidays('2026-01-01', '2026-01-03', '元旦'),
  workday('2026-01-04', '元旦调休上班'),
  workday('2026-02-14', '春节调休上班'),
  ...holidays('2026-02-15', '2026-02-23', '春节'),
  workday('2026-02-28', '春节调休上班'),
  ...holidays('2026-04-04', '2026-04-06', '清明节'),
  ...holidays('2026-05-01', '2026-05-05', '劳动节'),
  workday('2026-05-09', '劳动节调休上班'),
  ...holidays('2026-06-19', '2026-06-21', '端午节'),
  workday('2026-09-20', '国庆节调休上班'),
  ...holidays('2026-09-25', '2026-09-27', '中秋节'),
  ...holidays('2026-10-01', '2026-10-07', '国庆节'),
  workday('2026-10-10', '国庆节调休上班'),
];

const handle = (level: 1 | 2 | 3 | 4 | 5, amount: number): DeadlineRuleInput => ({
  step: 'handle',
  level,
  caseType: null,
  amount,
  unit: 'workday',
});

/**
 * Default time limits: registration and dispatch within half a day, acceptance within a day,
 * handling longer the higher the level, then verification and the return visit.
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRuleInput[] = [
  { step: 'register', level: null, caseType: null, amount: 4, unit: 'workhour' }, // 案件建立
  { step: 'dispatch', level: null, caseType: null, amount: 4, unit: 'workhour' }, // 任务派遣
  { step: 'accept', level: null, caseType: null, amount: 1, unit: 'workday' }, // 签收
  handle(1, 3), // 事件处置 at the grid
  handle(2, 5),
  handle(3, 10),
  handle(4, 15),
  handle(5, 20),
  { step: 'verify', level: null, caseType: null, amount: 2, unit: 'workday' }, // 核查
  { step: 'visit', level: null, caseType: null, amount: 3, unit: 'workday' }, // 回访
  // Example of a type-specific override: public-security matters at the grid within one day.
  { step: 'handle', level: 1, caseType: 'public_security', amount: 1, unit: 'workday' },
];

/**
 * Inserts the 2026 calendar when the calendar is empty and the default rules when there are no
 * rules. Safe to run at every start: a table that has rows is left as the administrators made it.
 */
export async function seedDeadlineDefaults(q: Queryable): Promise<{ calendarDays: number; rules: number }> {
  let calendarDays = 0;
  let rules = 0;
  const anyDay = await q.selectFrom('calendar_day').select('day').limit(1).executeTakeFirst();
  if (!anyDay) {
    const result = await q
      .insertInto('calendar_day')
      .values(CALENDAR_2026.map((e) => ({ day: e.day, kind: e.kind, name: e.name })))
      .onConflict((oc) => oc.column('day').doNothing())
      .executeTakeFirst();
    calendarDays = Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  const anyRule = await q.selectFrom('deadline_rule').select('id').limit(1).executeTakeFirst();
  if (!anyRule) {
    await insertDeadlineRules(
      q,
      DEFAULT_DEADLINE_RULES.map((r) => ({ id: uuidv7(), ...r })),
    );
    rules = DEFAULT_DEADLINE_RULES.length;
  }
  return { calendarDays, rules };
}
