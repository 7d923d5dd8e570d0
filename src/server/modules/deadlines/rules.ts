/**
 * Time limits per loop step, handling level and case type (SPEC §4: "every step has a deadline
 * configurable per level and case type"), the calendar they are counted on, and a small service
 * that keeps both in memory.
 */

import type { Kysely } from 'kysely';
import { type Level, LOOP_STEPS, type LoopStep } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import {
  addWorkingTime,
  calendarFrom,
  localDay,
  type TimeUnit,
  type TrafficLight,
  trafficLight,
  WORKDAY_MINUTES,
  type WorkCalendar,
  workingMinutesBetween,
} from './calendar.ts';
import type { DeadlinesTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<DeadlinesTables>;
type Db = Kysely<DeadlinesTables>;

/** The six loop steps whose clocks run (案件建立 … 考评回访); accept = the handler's acceptance. */
/** The steps deadline rules apply to: the loop steps of SPEC §4. */
export const DEADLINE_STEPS = LOOP_STEPS;
export type DeadlineStep = LoopStep;

/** A time limit: `amount` workdays or workhours. */
export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

/** A rule as written: null level or case type means "any". */
export interface DeadlineRuleInput extends TimeLimit {
  step: DeadlineStep;
  level: Level | null;
  caseType: string | null;
}

/** A stored rule. */
export interface DeadlineRule extends DeadlineRuleInput {
  id: string;
}

/** Loads the calendar exceptions (holidays and make-up workdays). */
export async function loadCalendar(q: Queryable): Promise<WorkCalendar> {
  const rows = await q.selectFrom('calendar_day').select(['day', 'kind']).execute();
  return calendarFrom(rows.map((r) => ({ day: r.day, kind: r.kind === 'workday' ? 'workday' : 'holiday' })));
}

/** Loads every deadline rule, in the order steps run, then level, then case type. */
export async function loadDeadlineRules(q: Queryable): Promise<DeadlineRule[]> {
  const rows = await q.selectFrom('deadline_rule').selectAll().orderBy('id').execute();
  return rows
    .map((r) => ({
      id: r.id,
      step: r.step as DeadlineStep,
      level: r.level as Level | null,
      caseType: r.case_type,
      amount: r.amount,
      unit: r.unit as TimeUnit,
    }))
    .sort(compareRules);
}

/** Orders rules for display: by step in loop order, then level (any first), then case type (any first). */
export function compareRules(a: DeadlineRuleInput, b: DeadlineRuleInput): number {
  return (
    DEADLINE_STEPS.indexOf(a.step) - DEADLINE_STEPS.indexOf(b.step) ||
    (a.level ?? 0) - (b.level ?? 0) ||
    (a.caseType ?? '').localeCompare(b.caseType ?? '')
  );
}

/**
 * The limit for a step of a case at `level` with `caseType`; the most specific rule wins:
 * step+level+type > step+type > step+level > step only. Undefined when no rule applies.
 */
export function resolveLimit(
  rules: readonly DeadlineRuleInput[],
  step: DeadlineStep,
  level: number,
  caseType: string | null,
): TimeLimit | undefined {
  let best: DeadlineRuleInput | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.step !== step) continue;
    if (rule.level !== null && rule.level !== level) continue;
    if (rule.caseType !== null && rule.caseType !== caseType) continue;
    const score = (rule.caseType !== null ? 2 : 0) + (rule.level !== null ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best && { amount: best.amount, unit: best.unit };
}

/**
 * Working time on one loaded calendar and rule set, answered synchronously — for code that computes
 * many due times or lights in one go (a case command, a list of cases).
 */
export interface WorkingTime {
  calendar: WorkCalendar;
  rules: readonly DeadlineRule[];
  /** When a step started at `from` is due, or undefined when no rule covers the step. */
  dueAt(step: DeadlineStep, level: number, caseType: string | null, from: Date): Date | undefined;
  /** `minutes` working minutes after `from` (extensions, supervision orders). */
  addMinutes(from: Date, minutes: number): Date;
  /** Working minutes in one working day. */
  workdayMinutes: number;
  minutesBetween(from: Date, to: Date): number;
  light(startedAt: Date, dueAt: Date, now: Date): TrafficLight;
  /** The limit of a step in working minutes, or undefined when no rule covers it. */
  limitMinutes(step: DeadlineStep, level: number, caseType: string | null): number | undefined;
  /**
   * The local years from `from` to `to` for which no calendar day has been entered: there the
   * count falls back to Monday–Friday, which is wrong on that year's holidays — to be flagged.
   */
  uncoveredYears(from: Date, to: Date): string[];
}

/** Binds the calendar functions to one calendar and rule set. */
export function workingTimeOf(calendar: WorkCalendar, rules: readonly DeadlineRule[]): WorkingTime {
  const covered = new Set([...calendar.holidays, ...calendar.workdays].map((day) => day.slice(0, 4)));
  return {
    calendar,
    rules,
    dueAt(step, level, caseType, from) {
      const limit = resolveLimit(rules, step, level, caseType);
      return limit && addWorkingTime(from, limit.amount, limit.unit, calendar);
    },
    addMinutes: (from, minutes) => addWorkingTime(from, minutes / 60, 'workhour', calendar),
    workdayMinutes: WORKDAY_MINUTES,
    minutesBetween: (from, to) => workingMinutesBetween(from, to, calendar),
    light: (startedAt, dueAt, now) => trafficLight(startedAt, dueAt, now, calendar),
    limitMinutes(step, level, caseType) {
      const limit = resolveLimit(rules, step, level, caseType);
      return limit && limit.amount * (limit.unit === 'workday' ? WORKDAY_MINUTES : 60);
    },
    uncoveredYears(from, to) {
      const first = Number(localDay(from).slice(0, 4));
      const last = Number(localDay(to).slice(0, 4));
      const missing: string[] = [];
      for (let y = first; y <= last; y++) if (!covered.has(String(y))) missing.push(String(y));
      return missing;
    },
  };
}

/** Deadlines as the rest of the system asks for them, from a cached calendar and rule set. */
export interface DeadlineService {
  /** The calendar and rules now in force, for synchronous use. */
  current(): Promise<WorkingTime>;
  calendar(): Promise<WorkCalendar>;
  rules(): Promise<DeadlineRule[]>;
  /** The limit that applies, or undefined when no rule covers the step. */
  limitFor(step: DeadlineStep, level: number, caseType: string | null): Promise<TimeLimit | undefined>;
  /** When a step started at `from` is due, or undefined when no rule covers the step. */
  dueAt(step: DeadlineStep, level: number, caseType: string | null, from: Date): Promise<Date | undefined>;
  /** The traffic light of a step (SPEC §4). */
  light(startedAt: Date | string, dueAt: Date | string, now: Date): Promise<TrafficLight>;
  /** Forget the cache; the next call reloads. Call after every write to the rules or the calendar. */
  invalidate(): void;
}

export interface DeadlineServiceOptions {
  clock?: Clock;
  /**
   * How long a loaded calendar and rule set are trusted. With several nodes on PostgreSQL, an
   * administrator's edit on one node reaches the others within this time.
   */
  ttlMs?: number;
}

/** Creates the deadline service over `db`, caching calendar and rules for `ttlMs` (default 60 s). */
export function createDeadlineService(db: Db, options: DeadlineServiceOptions = {}): DeadlineService {
  const clock = options.clock ?? systemClock;
  const ttlMs = options.ttlMs ?? 60_000;
  let cached: { loadedAt: number; value: Promise<WorkingTime> } | undefined;

  function load(): Promise<WorkingTime> {
    const now = clock.now().getTime();
    if (cached && now - cached.loadedAt < ttlMs) return cached.value;
    const entry = {
      loadedAt: now,
      value: Promise.all([loadCalendar(db), loadDeadlineRules(db)]).then(([calendar, rules]) =>
        workingTimeOf(calendar, rules),
      ),
    };
    cached = entry;
    // A failed load must not stay cached: the next call tries again.
    entry.value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.value;
  }

  return {
    current: load,
    async calendar() {
      return (await load()).calendar;
    },
    async rules() {
      return [...(await load()).rules];
    },
    async limitFor(step, level, caseType) {
      return resolveLimit((await load()).rules, step, level, caseType);
    },
    async dueAt(step, level, caseType, from) {
      return (await load()).dueAt(step, level, caseType, from);
    },
    async light(startedAt, dueAt, now) {
      return (await load()).light(new Date(startedAt), new Date(dueAt), now);
    },
    invalidate() {
      cached = undefined;
    },
  };
}
