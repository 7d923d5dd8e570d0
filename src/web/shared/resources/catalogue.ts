/** The catalogue calls: case types (案件类型), departments (职能部门), the routing table (分流分调). */

import { api, call } from '../api.ts';
import type { components } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type CaseType = components['schemas']['CaseType'];
export type Department = components['schemas']['Department'];
export type RoutingRule = components['schemas']['RoutingRule'];
export type DefaultDifficulty = CaseType['defaultDifficulty'];

/** Difficulties a case type may start at (积案 long-pending is earned, never a default). */
export const DEFAULT_DIFFICULTIES: DefaultDifficulty[] = ['simple', 'general', 'difficult'];

/** The catalogue in display order; `all` (administrators) includes inactive types. */
export function listCaseTypes(all: boolean): Promise<CaseType[]> {
  return call(api.GET('/api/v1/case-types', { params: { query: all ? { all: '1' } : {} } }));
}

export interface CaseTypeInput {
  nameZh: string;
  nameEn: string;
  /** Traditional Mongolian; null or blank clears it. */
  nameMn?: string | null;
  defaultDifficulty: DefaultDifficulty;
  active: boolean;
  sort: number;
}

export function createCaseType(body: CaseTypeInput & { code: string }): Promise<CaseType> {
  return call(api.POST('/api/v1/case-types', { body }));
}

export function updateCaseType(code: string, body: Partial<CaseTypeInput>): Promise<CaseType> {
  return call(api.PATCH('/api/v1/case-types/{code}', { params: { path: { code } }, body }));
}

export function listDepartments(): Promise<Department[]> {
  return call(api.GET('/api/v1/departments'));
}

export interface DepartmentInput {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Traditional Mongolian; null or blank clears it. */
  nameMn?: string | null;
}

export function createDepartment(body: DepartmentInput): Promise<Department> {
  return call(api.POST('/api/v1/departments', { body }));
}

export function updateDepartment(id: string, body: Partial<DepartmentInput>): Promise<Department> {
  return call(api.PATCH('/api/v1/departments/{id}', { params: { path: { id } }, body }));
}

export async function listRoutingRules(): Promise<RoutingRule[]> {
  return (await call(api.GET('/api/v1/routing-rules'))).rules;
}

export interface RoutingRuleInput {
  caseType: string;
  departmentId: string;
  areaId: string | null;
}

/** Replaces the whole routing table; the server names the first bad row. */
export async function replaceRoutingRules(rules: RoutingRuleInput[]): Promise<RoutingRule[]> {
  return (await call(api.PUT('/api/v1/routing-rules', { body: { rules } }))).rules;
}

/** The catalogue as a query; `all` (administrators) includes inactive types. */
export function useCaseTypes(all = false): Remote<CaseType[]> {
  return useApiQuery(queryKeys.caseTypes(all), () => listCaseTypes(all));
}

export function useDepartments(): Remote<Department[]> {
  return useApiQuery(queryKeys.departments, listDepartments);
}

export function useRoutingRules(): Remote<RoutingRule[]> {
  return useApiQuery(queryKeys.routingRules, listRoutingRules);
}
