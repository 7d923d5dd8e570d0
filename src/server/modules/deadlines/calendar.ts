/**
 * The working calendar (工作日历, SPEC §4): which days are working days, the working hours of a day,
 * and time limits counted in working time. Pure functions of their inputs — no clock, no database.
 *
 * Asia/Shanghai has had no daylight-saving time since 1991, so local time is UTC + 8 h exactly and
 * no time-zone database is needed.
 */
import { badRequest } from '../../platform/errors.ts';

/** The working day. Change the periods here and every limit, due time and traffic light follows. */
export const WORKING_HOURS = {
  /** Asia/Shanghai: UTC+8, no DST. */
  utcOffsetHours: 8,
  /** Local working periods, in order and not overlapping: 09:00–12:00 and 13:30–17:30 (7 h). */
  periods: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
} as const;

/** Share of the allowed time after which a step's light turns yellow (SPEC §4: 80 %). */
export const YELLOW_FROM = 0.8;

/** Longest span `addWorkingTime` accepts, in workdays (about eight years). */
export const MAX_WORKDAYS = 2_000;

/** Unit of a time limit: a whole working day (all working hours of one day) or a working hour. */
export type TimeUnit = 'workday' | 'workhour';
export const TIME_UNITS: readonly TimeUnit[] = ['workday', 'workhour'];

/** A calendar exception: a public holiday (法定节假日) or a make-up workday (调休上班). */
export type CalendarDayKind = 'holiday' | 'workday';
export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['holiday', 'workday'];

/** One calendar exception, 'YYYY-MM-DD' in Asia/Shanghai. */
export interface CalendarEntry {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

/** The exceptions to "Monday–Friday are working days", as local dates 'YYYY-MM-DD'. */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** Traffic light of an open step (SPEC §4). */
export type TrafficLight = 'green' | 'yellow' | 'red';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const OFFSET = WORKING_HOURS.utcOffsetHours * HOUR;

/** Working periods as [start, end) milliseconds after local midnight. */
const PERIODS = parsePeriods();

/** Milliseconds of working time in one working day (7 h). */
const WORKDAY_MS = PERIODS.reduce((sum, p) => sum + (p.end - p.start), 0);

/** Minutes of working time in one working day (420 with the default hours). */
export const WORKDAY_MINUTES = WORKDAY_MS / MINUTE;

/** Why the scan gives up: only a calendar marking decades as holidays could get here. */
const MAX_SCAN_DAYS = 366 * 30;

function parsePeriods(): { start: number; end: number }[] {
  const ms = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return ((h ?? 0) * 60 + (m ?? 0)) * MINUTE;
  };
  const periods = WORKING_HOURS.periods.map((p) => ({ start: ms(p.from), end: ms(p.to) }));
  periods.forEach((p, i) => {
    const previous = periods[i - 1];
    if (p.end <= p.start || p.end > DAY || (previous && p.start < previous.end)) {
      throw new Error('WORKING_HOURS.periods must be ordered, non-overlapping spans within one day');
    }
  });
  return periods;
}

/** An empty calendar: weekdays work, weekends rest. */
export const WEEKDAYS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** Builds a calendar from its exception rows (a day listed twice keeps its last kind). */
export function calendarFrom(entries: Iterable<Pick<CalendarEntry, 'day' | 'kind'>>): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const { day, kind } of entries) {
    holidays.delete(day);
    workdays.delete(day);
    (kind === 'holiday' ? holidays : workdays).add(day);
  }
  return { holidays, workdays };
}

/** True when `day` is a real date written 'YYYY-MM-DD'. */
export function isCalendarDate(day: string): boolean {
  return dayNumberOf(day) !== undefined;
}

/** The local (Asia/Shanghai) date of an instant, 'YYYY-MM-DD'. */
export function localDay(at: Date): string {
  return dayString(dayNumberAt(instant(at, 'at')));
}

/**
 * Whether people work on this local date: holidays never, make-up workdays (调休上班) always,
 * otherwise Monday to Friday.
 */
export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  const n = dayNumberOf(day);
  if (n === undefined) throw badRequest('day', 'validation.not_a_date', { value: day });
  return isWorkingDayNumber(n, cal);
}

/**
 * The moment `amount` units of working time after `start`. A start outside working time counts
 * from the next working moment, so Friday 16:30 + 2 workhours = Monday 10:00 on a normal week.
 * A limit that ends exactly at the end of a period ends there (12:00, 17:30), not after the break.
 */
export function addWorkingTime(start: Date, amount: number, unit: TimeUnit, cal: WorkCalendar): Date {
  const from = instant(start, 'start');
  if (!Number.isFinite(amount) || amount < 0) throw badRequest('amount', 'validation.minimum', { limit: 0 });
  if (unit !== 'workday' && unit !== 'workhour')
    throw badRequest('unit', 'validation.enum', { allowed: ['workday', 'workhour'] });
  let remaining = Math.round(amount * (unit === 'workday' ? WORKDAY_MS : HOUR));
  if (remaining > MAX_WORKDAYS * WORKDAY_MS) {
    throw badRequest('amount', 'validation.max_workdays', { limit: MAX_WORKDAYS });
  }
  const first = dayNumberAt(from);
  for (let n = first; n <= first + MAX_SCAN_DAYS; n++) {
    if (!isWorkingDayNumber(n, cal)) continue;
    const midnight = n * DAY - OFFSET;
    for (const p of PERIODS) {
      const segmentStart = Math.max(from, midnight + p.start);
      const segmentEnd = midnight + p.end;
      if (segmentStart >= segmentEnd) continue;
      if (remaining <= segmentEnd - segmentStart) return new Date(segmentStart + remaining);
      remaining -= segmentEnd - segmentStart;
    }
  }
  throw new Error(`the calendar has no working time within ${MAX_SCAN_DAYS} days`);
}

/** Working minutes in [a, b): 0 if b ≤ a. Fractions of a minute are kept. */
export function workingMinutesBetween(a: Date, b: Date, cal: WorkCalendar): number {
  const from = instant(a, 'from');
  const to = instant(b, 'to');
  if (to <= from) return 0;
  let total = 0;
  const last = dayNumberAt(to);
  for (let n = dayNumberAt(from); n <= last; n++) {
    if (!isWorkingDayNumber(n, cal)) continue;
    const midnight = n * DAY - OFFSET;
    for (const p of PERIODS) {
      const overlap = Math.min(to, midnight + p.end) - Math.max(from, midnight + p.start);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/**
 * The light of a step that started at `startedAt` and is due at `dueAt`: working time elapsed over
 * working time allowed — green under 80 %, yellow from 80 % up to the due moment, red after it.
 */
export function trafficLight(startedAt: Date, dueAt: Date, now: Date, cal: WorkCalendar): TrafficLight {
  if (instant(now, 'now') > instant(dueAt, 'dueAt')) return 'red';
  const allowed = workingMinutesBetween(startedAt, dueAt, cal);
  if (allowed <= 0) return 'yellow';
  return workingMinutesBetween(startedAt, now, cal) / allowed < YELLOW_FROM ? 'green' : 'yellow';
}

function instant(d: Date, field: string): number {
  const ms = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(field, 'validation.not_a_time');
  return ms;
}

/** Days since 1970-01-01 of the local date an instant falls on. */
function dayNumberAt(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY);
}

function dayNumberOf(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY;
  return dayString(n) === day ? n : undefined;
}

function dayString(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

function isWorkingDayNumber(n: number, cal: WorkCalendar): boolean {
  const day = dayString(n);
  if (cal.holidays.has(day)) return false;
  if (cal.workdays.has(day)) return true;
  const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}
