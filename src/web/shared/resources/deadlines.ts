/** Time limits per step × level × case type, and the working-day calendar (`/api/v1/deadline-rules`, `/calendar`). */

import { api, call } from '../api.ts';
import type { components } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type DeadlineRule = components['schemas']['DeadlineRule'];
export type CalendarDay = components['schemas']['CalendarDay'];
export type DeadlineStep = DeadlineRule['step'];
export type TimeUnit = DeadlineRule['unit'];

/** The loop steps that have a clock, in loop order. */
export const DEADLINE_STEPS: DeadlineStep[] = ['register', 'dispatch', 'accept', 'handle', 'verify', 'visit'];
export const TIME_UNITS: TimeUnit[] = ['workday', 'workhour'];

export async function loadDeadlineRules(): Promise<DeadlineRule[]> {
  return (await call(api.GET('/api/v1/deadline-rules'))).rules;
}

/** One rule as edited: null level or case type means "any". */
export type DeadlineRuleInput = Omit<DeadlineRule, 'id'>;

/** Replaces the whole set of time limits. */
export async function saveDeadlineRules(rules: DeadlineRuleInput[]): Promise<DeadlineRule[]> {
  return (await call(api.PUT('/api/v1/deadline-rules', { body: { rules } }))).rules;
}

export async function loadCalendar(year: number): Promise<CalendarDay[]> {
  return (await call(api.GET('/api/v1/calendar', { params: { query: { year } } }))).days;
}

/** Marks a day as a public holiday or a make-up workday (调休上班). */
export function putCalendarDay(day: string, kind: CalendarDay['kind'], name: string): Promise<CalendarDay> {
  return call(api.PUT('/api/v1/calendar/{day}', { params: { path: { day } }, body: { kind, name } }));
}

/** Makes a day ordinary again. */
export async function deleteCalendarDay(day: string): Promise<void> {
  await call(api.DELETE('/api/v1/calendar/{day}', { params: { path: { day } } }));
}

export function useDeadlineRules(): Remote<DeadlineRule[]> {
  return useApiQuery(queryKeys.deadlineRules, loadDeadlineRules);
}

export function useCalendar(year: number): Remote<CalendarDay[]> {
  return useApiQuery(queryKeys.calendar(year), () => loadCalendar(year));
}
