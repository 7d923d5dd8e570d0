/**
 * Administration of time limits and the working calendar. Anyone signed in reads them (the apps
 * show due times and lights); only an administrator (管理员) changes them.
 */

import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { badRequest, notFound } from '../../platform/errors.ts';
import { type App, errorResponses } from '../../platform/http.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { definePermission } from '../../platform/permissions.ts';
import { CALENDAR_DAY_KINDS, isCalendarDate, TIME_UNITS } from './calendar.ts';
import {
  deleteCalendarDay,
  listCalendarDays,
  replaceDeadlineRules,
  upsertCalendarDay,
} from './repository.ts';
import {
  compareRules,
  DEADLINE_STEPS,
  type DeadlineRuleInput,
  type DeadlineService,
  loadDeadlineRules,
  type WorkingTime,
} from './rules.ts';
import type { DeadlinesTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<DeadlinesTables>;

export interface DeadlineRouteDeps {
  db: Db;
  deadlines: DeadlineService;
  /**
   * Called after an edit with the working time in force before it, so the running steps are
   * re-timed and their jobs re-armed (the case module's `rearmDeadlines`).
   */
  onChange?: (before: WorkingTime, reason: 'rules' | 'calendar') => Promise<unknown>;
}

/** Largest limit an administrator may set, in either unit. */
const MAX_AMOUNT = 1_000;
const MAX_RULES = 500;

const RuleFields = {
  step: Type.Union(
    DEADLINE_STEPS.map((s) => Type.Literal(s)),
    { description: 'loop step: register, dispatch, accept, handle, verify, visit' },
  ),
  // One JSON-schema type list, not a union: with type coercion on, a union's null branch would
  // quietly coerce 0 or "" into null ("any level"); a type list coerces only what matches neither.
  level: Type.Unsafe<number | null>({
    type: ['integer', 'null'],
    minimum: 1,
    maximum: 5,
    description: 'handling level 1–5, or null for any level',
  }),
  caseType: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    minLength: 1,
    maxLength: 64,
    description: 'case type code, or null for any type',
  }),
  amount: Type.Number({ exclusiveMinimum: 0, maximum: MAX_AMOUNT }),
  unit: Type.Union(TIME_UNITS.map((u) => Type.Literal(u))),
};
const DeadlineRuleBody = Type.Object(
  { id: Type.String(), ...RuleFields },
  { $id: 'DeadlineRule', additionalProperties: false },
);
const RuleInput = Type.Object(
  {
    id: Type.Optional(Type.String({ description: 'ignored: the whole set is replaced with new ids' })),
    ...RuleFields,
  },
  { additionalProperties: false },
);
const RuleList = Type.Object({ rules: Type.Array(Type.Ref('DeadlineRule')) });

const CalendarDay = Type.Object(
  {
    day: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
    kind: Type.Union(
      CALENDAR_DAY_KINDS.map((k) => Type.Literal(k)),
      {
        description: 'holiday 法定节假日, or workday: a weekend day worked (调休上班)',
      },
    ),
    name: Type.String(),
  },
  { $id: 'CalendarDay' },
);
const DayParams = Type.Object({ day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/** Everyone signed in reads the limits and the calendar (the apps show due times and lights). */
const DEADLINE_READ = definePermission({ name: 'deadline.read', holders: 'signed_in', scope: 'all rules' });
/** 时限管理: only an administrator changes limits and the working calendar. */
const DEADLINE_MANAGE = definePermission({
  name: 'deadline.manage',
  holders: ['admin'],
  scope: 'all rules and the whole calendar',
  refusal: { key: 'forbidden.admin_only' },
});

/** Rejects two rules for the same step, level and case type: which one applies would be a guess. */
function checkDistinct(rules: readonly DeadlineRuleInput[]): void {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    const key = `${r.step}|${r.level ?? '*'}|${r.caseType ?? '*'}`;
    if (seen.has(key)) {
      throw badRequest(`rules.${i}`, 'deadline.rule_duplicate');
    }
    seen.add(key);
  });
}

function checkDay(day: string): void {
  if (!isCalendarDate(day)) throw badRequest('day', 'validation.not_a_date', { value: day });
}

/** Registers GET/PUT /api/v1/deadline-rules, GET /api/v1/calendar, PUT/DELETE /api/v1/calendar/{day}. */
export function registerDeadlineRoutes(app: App, deps: DeadlineRouteDeps): void {
  const { db, deadlines } = deps;
  /** Runs an edit, then lets the live deadlines follow it. */
  async function edit<T>(reason: 'rules' | 'calendar', write: () => Promise<T>): Promise<T> {
    const before = await deadlines.current();
    const result = await write();
    deadlines.invalidate();
    await deps.onChange?.(before, reason);
    return result;
  }
  app.addSchema(DeadlineRuleBody);
  app.addSchema(CalendarDay);

  app.get(
    '/api/v1/deadline-rules',
    {
      config: { permission: DEADLINE_READ },
      schema: {
        tags: ['deadlines'],
        summary: 'Time limits per loop step, level and case type (the most specific rule applies)',
        response: { 200: RuleList, ...errorResponses },
      },
    },
    async () => {
      return { rules: await loadDeadlineRules(db) };
    },
  );

  app.put(
    '/api/v1/deadline-rules',
    {
      config: { permission: DEADLINE_MANAGE },
      schema: {
        tags: ['deadlines'],
        summary: 'Replace the whole set of time limits (administrators only)',
        body: Type.Object(
          { rules: Type.Array(RuleInput, { maxItems: MAX_RULES }) },
          { additionalProperties: false },
        ),
        response: { 200: RuleList, ...errorResponses },
      },
    },
    async (request) => {
      const input: DeadlineRuleInput[] = request.body.rules.map((r) => ({
        step: r.step,
        level: r.level as DeadlineRuleInput['level'],
        caseType: r.caseType,
        amount: r.amount,
        unit: r.unit,
      }));
      checkDistinct(input);
      const rules = input.map((r) => ({ id: uuidv7(), ...r })).sort(compareRules);
      await edit('rules', () => replaceDeadlineRules(db, rules));
      return { rules };
    },
  );

  app.get(
    '/api/v1/calendar',
    {
      config: { permission: DEADLINE_READ },
      schema: {
        tags: ['deadlines'],
        summary: 'Public holidays and make-up workdays (weekdays not listed are working days)',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 1970, maximum: 9999 })),
        }),
        response: {
          200: Type.Object({
            days: Type.Array(Type.Ref('CalendarDay')),
            entered: Type.Optional(
              Type.Boolean({
                description:
                  'with ?year: whether any day of that year was entered; if not, deadlines there count Monday–Friday',
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { year } = request.query;
      const days = await listCalendarDays(db, year);
      return year === undefined ? { days } : { days, entered: days.length > 0 };
    },
  );

  app.put(
    '/api/v1/calendar/:day',
    {
      config: { permission: DEADLINE_MANAGE },
      schema: {
        tags: ['deadlines'],
        summary: 'Mark a day as a public holiday or a make-up workday (administrators only)',
        params: DayParams,
        body: Type.Object(
          {
            kind: Type.Union(CALENDAR_DAY_KINDS.map((k) => Type.Literal(k))),
            name: Type.String({ minLength: 1, maxLength: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('CalendarDay'), ...errorResponses },
      },
    },
    async (request) => {
      const { day } = request.params;
      checkDay(day);
      const row = { day, kind: request.body.kind, name: request.body.name.trim() };
      if (!row.name) throw badRequest('name', 'validation.not_empty');
      await edit('calendar', () => upsertCalendarDay(db, row));
      return row;
    },
  );

  app.delete(
    '/api/v1/calendar/:day',
    {
      config: { permission: DEADLINE_MANAGE },
      schema: {
        tags: ['deadlines'],
        summary: 'Make a day ordinary again: Monday–Friday work, weekends rest (administrators only)',
        params: DayParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { day } = request.params;
      checkDay(day);
      await edit('calendar', async () => {
        if (!(await deleteCalendarDay(db, day))) throw notFound('not_found.calendar_day', { day });
      });
      return reply.status(204).send(null);
    },
  );
}
