import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  addWorkingTime,
  calendarFrom,
  isCalendarDate,
  isWorkingDay,
  localDay,
  type TimeUnit,
  trafficLight,
  WEEKDAYS_ONLY,
  WORKDAY_MINUTES,
  workingMinutesBetween,
} from './calendar.ts';
import { CALENDAR_2026 } from './defaults.ts';

const cal = calendarFrom(CALENDAR_2026);

/** A local Asia/Shanghai time, 'YYYY-MM-DD HH:MM'. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The local Asia/Shanghai time of an instant, 'YYYY-MM-DD HH:MM'. */
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const add = (start: string, amount: number, unit: TimeUnit = 'workhour', c = cal) =>
  local(addWorkingTime(at(start), amount, unit, c));

describe('working days', () => {
  it('works Monday to Friday and rests at weekends', () => {
    expect(isWorkingDay('2026-11-23', cal)).toBe(true); // Monday
    expect(isWorkingDay('2026-11-27', cal)).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29', cal)).toBe(false); // Sunday
  });

  it('rests on public holidays and works on make-up workdays (调休上班)', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false); // 国庆节, Thursday
    expect(isWorkingDay('2026-10-07', cal)).toBe(false); // 国庆节, Wednesday
    expect(isWorkingDay('2026-10-08', cal)).toBe(true); // back to work, Thursday
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday worked
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday worked
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday before Spring Festival
    expect(isWorkingDay('2026-02-23', cal)).toBe(false); // 正月初七, Monday
    expect(isWorkingDay('2026-01-04', cal)).toBe(true); // Sunday after New Year
    expect(isWorkingDay('2026-10-01', WEEKDAYS_ONLY)).toBe(true);
  });

  it('turns a bad date into a 400 that names the field', () => {
    expect(() => isWorkingDay('2026-02-30', cal)).toThrow(AppError);
    expect(() => isWorkingDay('tomorrow', cal)).toThrow(/day/);
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('knows the local date of an instant', () => {
    expect(localDay(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01'); // midnight in Beijing
    expect(localDay(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });

  it('builds a calendar whose last word on a day wins', () => {
    const c = calendarFrom([
      { day: '2026-11-23', kind: 'holiday' },
      { day: '2026-11-23', kind: 'workday' },
    ]);
    expect(c.holidays.has('2026-11-23')).toBe(false);
    expect(c.workdays.has('2026-11-23')).toBe(true);
  });
});

describe('addWorkingTime', () => {
  it('carries Friday afternoon over the weekend', () => {
    expect(add('2026-11-27 16:30', 2)).toBe('2026-11-30 10:00');
  });

  it('skips the lunch break', () => {
    expect(add('2026-11-23 11:00', 2)).toBe('2026-11-23 14:30');
    expect(add('2026-11-23 12:30', 1)).toBe('2026-11-23 14:30'); // starts during lunch
    expect(add('2026-11-23 09:00', 3)).toBe('2026-11-23 12:00'); // ends exactly at the break
  });

  it('counts a start at night or at the weekend from the next working moment', () => {
    expect(add('2026-11-23 20:00', 1)).toBe('2026-11-24 10:00');
    expect(add('2026-11-24 03:00', 1)).toBe('2026-11-24 10:00');
    expect(add('2026-11-23 17:30', 1)).toBe('2026-11-24 10:00');
    expect(add('2026-11-28 10:00', 1)).toBe('2026-11-30 10:00');
    expect(add('2026-11-28 10:00', 0)).toBe('2026-11-30 09:00');
    expect(add('2026-11-23 10:15', 0)).toBe('2026-11-23 10:15');
  });

  it('counts fractions of an hour and of a day', () => {
    expect(add('2026-11-23 11:00', 1.5)).toBe('2026-11-23 14:00');
    expect(add('2026-11-23 09:00', 0.25, 'workday')).toBe('2026-11-23 10:45');
    expect(add('2026-11-23 09:00', 0.1)).toBe('2026-11-23 09:06');
    expect(add('2026-11-23 16:00', 0.5, 'workday')).toBe('2026-11-24 11:00'); // 1.5 h today, 2 h tomorrow
  });

  it('makes a workday the whole working hours of a day', () => {
    expect(add('2026-11-23 09:00', 1, 'workday')).toBe('2026-11-23 17:30');
    expect(add('2026-11-23 10:00', 1, 'workday')).toBe('2026-11-24 10:00');
    expect(add('2026-11-27 14:00', 1, 'workday')).toBe('2026-11-30 14:00');
    expect(WORKDAY_MINUTES).toBe(420);
  });

  it('skips the National Day holiday and works its make-up days', () => {
    // Wednesday before the holiday: Oct 1–7 rest, Thursday Oct 8 is the next working day.
    expect(add('2026-09-30 16:30', 2)).toBe('2026-10-08 10:00');
    // Friday evening before the make-up Sunday Sep 20.
    expect(add('2026-09-18 17:00', 1)).toBe('2026-09-20 09:30');
    // Friday Oct 9 into the make-up Saturday Oct 10.
    expect(add('2026-10-09 17:00', 1)).toBe('2026-10-10 09:30');
    // Handling at the grid, 3 workdays, from the morning before the holiday: 6 h + 7 h + 7 h + 1 h.
    expect(add('2026-09-30 10:00', 3, 'workday')).toBe('2026-10-10 10:00');
    // Mid-Autumn Friday Sep 25 is a holiday too.
    expect(add('2026-09-24 17:00', 1)).toBe('2026-09-28 09:30');
  });

  it('skips the Spring Festival week', () => {
    expect(add('2026-02-13 17:00', 1)).toBe('2026-02-14 09:30'); // Saturday worked
    expect(add('2026-02-14 17:00', 1)).toBe('2026-02-24 09:30');
  });

  it('handles long spans (30 workdays)', () => {
    // November has no holiday: six working weeks.
    expect(add('2026-11-02 09:00', 30, 'workday')).toBe('2026-12-11 17:30');
    // From September 1 across Mid-Autumn and National Day with their make-up days.
    expect(add('2026-09-01 09:00', 30, 'workday')).toBe('2026-10-16 17:30');
    expect(add('2026-09-01 09:00', 30, 'workday', WEEKDAYS_ONLY)).toBe('2026-10-12 17:30');
  });

  it('turns bad input into a 400', () => {
    const start = at('2026-11-23 09:00');
    expect(() => addWorkingTime(start, -1, 'workhour', cal)).toThrow(AppError);
    expect(() => addWorkingTime(start, Number.NaN, 'workday', cal)).toThrow(/amount/);
    expect(() => addWorkingTime(start, 1e9, 'workday', cal)).toThrow(/amount/);
    expect(() => addWorkingTime(new Date('nope'), 1, 'workday', cal)).toThrow(/start/);
    expect(() => addWorkingTime(start, 1, 'week' as TimeUnit, cal)).toThrow(/unit/);
  });
});

describe('workingMinutesBetween', () => {
  const between = (a: string, b: string) => workingMinutesBetween(at(a), at(b), cal);

  it('is 0 when the end is not after the start', () => {
    expect(between('2026-11-23 10:00', '2026-11-23 10:00')).toBe(0);
    expect(between('2026-11-23 11:00', '2026-11-23 10:00')).toBe(0);
  });

  it('counts only working time', () => {
    expect(between('2026-11-23 09:00', '2026-11-23 17:30')).toBe(420);
    expect(between('2026-11-23 00:00', '2026-11-24 00:00')).toBe(420);
    expect(between('2026-11-23 11:00', '2026-11-23 14:00')).toBe(90);
    expect(between('2026-11-27 16:30', '2026-11-30 10:00')).toBe(120);
    expect(between('2026-11-28 00:00', '2026-11-29 23:59')).toBe(0);
    expect(between('2026-09-30 17:30', '2026-10-08 09:00')).toBe(0);
    const nine = at('2026-11-23 09:00');
    expect(workingMinutesBetween(nine, new Date(nine.getTime() + 30_000), cal)).toBe(0.5);
  });

  it('counts a year: 2026 has 248 working days in mainland China (261 weekdays − 19 holidays + 6 make-up days)', () => {
    expect(between('2026-01-01 00:00', '2027-01-01 00:00')).toBe(248 * 420);
  });
});

describe('trafficLight', () => {
  const light = (start: string, due: string, now: string) => trafficLight(at(start), at(due), at(now), cal);

  it('is green under 80 %, yellow up to the due time and red after it', () => {
    // 420 working minutes allowed; 80 % = 336 min = 09:00–12:00 plus 13:30–16:06.
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 09:00')).toBe('green');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 14:00')).toBe('green');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 16:05')).toBe('green');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 16:06')).toBe('yellow');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 17:30')).toBe('yellow');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-23 17:31')).toBe('red');
    expect(light('2026-11-23 09:00', '2026-11-23 17:30', '2026-11-28 10:00')).toBe('red');
  });

  it('does not count the weekend as elapsed time', () => {
    // 120 working minutes allowed from Friday 16:30 to Monday 10:00.
    expect(light('2026-11-27 16:30', '2026-11-30 10:00', '2026-11-29 12:00')).toBe('green');
    expect(light('2026-11-27 16:30', '2026-11-30 10:00', '2026-11-30 09:35')).toBe('green');
    expect(light('2026-11-27 16:30', '2026-11-30 10:00', '2026-11-30 09:36')).toBe('yellow');
  });

  it('is yellow for a zero limit until it passes', () => {
    expect(light('2026-11-23 10:00', '2026-11-23 10:00', '2026-11-23 10:00')).toBe('yellow');
    expect(light('2026-11-23 10:00', '2026-11-23 10:00', '2026-11-23 10:01')).toBe('red');
  });
});

describe('properties (seeded random walks over 2026)', () => {
  /** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
  function random(seed: number) {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const yearStart = at('2026-01-01 00:00').getTime();
  const cases = Array.from({ length: 500 }, (_, i) => {
    const r = random(i + 1);
    const start = new Date(yearStart + Math.floor(r() * 360 * 86_400_000));
    const unit: TimeUnit = r() < 0.5 ? 'workday' : 'workhour';
    const amount = unit === 'workday' ? Math.floor(r() * 120) / 4 : Math.floor(r() * 400) / 10;
    return { start, unit, amount };
  });

  it('gives back the amount: workingMinutesBetween(start, addWorkingTime(start, x)) = x', () => {
    for (const { start, unit, amount } of cases) {
      const end = addWorkingTime(start, amount, unit, cal);
      const minutes = amount * (unit === 'workday' ? WORKDAY_MINUTES : 60);
      expect(workingMinutesBetween(start, end, cal)).toBeCloseTo(minutes, 6);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
  });

  it('is monotonic and additive', () => {
    for (const { start, unit, amount } of cases) {
      const more = addWorkingTime(start, amount + 1, unit, cal);
      const end = addWorkingTime(start, amount, unit, cal);
      expect(more.getTime()).toBeGreaterThan(end.getTime());
      const twoSteps = addWorkingTime(end, 1, unit, cal);
      const perUnit = unit === 'workday' ? WORKDAY_MINUTES : 60;
      expect(workingMinutesBetween(start, twoSteps, cal)).toBeCloseTo((amount + 1) * perUnit, 6);
    }
  });

  it('never ends on a rest day, and never ends before 09:00 or after 17:30', () => {
    for (const { start, unit, amount } of cases) {
      const end = addWorkingTime(start, amount, unit, cal);
      expect(isWorkingDay(localDay(end), cal)).toBe(true);
      const hhmm = local(end).slice(11);
      expect(hhmm >= '09:00' && hhmm <= '17:30').toBe(true);
      expect(hhmm > '12:00' && hhmm < '13:30').toBe(false);
    }
  });
});
