/** How an edit of the rules or the calendar re-times a running step (pure; issue 7 #25). */
import { describe, expect, it } from 'vitest';
import { calendarFrom } from '../deadlines/calendar.ts';
import { type DeadlineRule, workingTimeOf } from '../deadlines/rules.ts';
import { retimedDue } from './deadline-rearm.ts';

const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const handle = (amount: number): DeadlineRule => ({
  id: 'r',
  step: 'handle',
  level: 1,
  caseType: null,
  amount,
  unit: 'workday',
});
const plain = calendarFrom([]);
const step = (dueAt: string, assignedDueAt: string | null = null) => ({
  step: 'handle' as const,
  level: 1 as const,
  caseType: null,
  startedAt: local('2026-11-23 09:00'), // Monday
  dueAt: local(dueAt),
  assignedDueAt,
});

describe('re-timing a running step', () => {
  it('gives it the new rule’s time from its start', () => {
    const due = retimedDue(
      step('2026-11-25 17:30'),
      workingTimeOf(plain, [handle(3)]),
      workingTimeOf(plain, [handle(5)]),
    );
    expect(due?.toISOString()).toBe(local('2026-11-27 17:30').toISOString());
  });

  it('keeps an approved extension on top of the new rule', () => {
    // 3 workdays + a 7-hour extension = due Thu 17:30; the rule becomes 2 workdays → Wed 17:30
    const due = retimedDue(
      step('2026-11-26 17:30'),
      workingTimeOf(plain, [handle(3)]),
      workingTimeOf(plain, [handle(2)]),
    );
    expect(due?.toISOString()).toBe(local('2026-11-25 17:30').toISOString());
  });

  it('lays the same working time on a new calendar: a holiday inside it pushes it a day', () => {
    const before = workingTimeOf(plain, [handle(3)]);
    const after = workingTimeOf(calendarFrom([{ day: '2026-11-24', kind: 'holiday' }]), [handle(3)]);
    expect(retimedDue(step('2026-11-25 17:30'), before, after)?.toISOString()).toBe(
      local('2026-11-26 17:30').toISOString(),
    );
  });

  it('leaves a dispatcher’s explicit date, and a step the edit does not change', () => {
    const before = workingTimeOf(plain, [handle(3)]);
    expect(
      retimedDue(
        step('2026-11-25 17:30', local('2026-11-25 17:30').toISOString()),
        before,
        workingTimeOf(plain, [handle(5)]),
      ),
    ).toBeUndefined();
    expect(retimedDue(step('2026-11-25 17:30'), before, before)).toBeUndefined();
  });
});
