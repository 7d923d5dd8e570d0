/**
 * SQL of the case lists: the scoped, filtered list the apps page through (with its count), and the
 * public newest-first list Open311 serves. No rules here: the scope comes from the policy.
 */
import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { containsIgnoringCase } from '../../platform/db/sql.ts';
import { areaIdsUnder } from '../areas/reads.ts';
import type { ListScope } from './policy.ts';
import type { CaseRow } from './repository.ts';
import type { CasesTables } from './schema.ts';

/** The cases module's own tables only: areas are read through their module. */
type Queryable = AnyQueryable<CasesTables>;

/** Which cases a public list shows, and how many at most: each filter given must hold. */
export interface PublicCaseFilter {
  /** A subquery of the case ids to choose from (e.g. the requests of one channel). */
  among: Expression<Record<string, string>>;
  caseNos?: readonly string[];
  caseTypes?: readonly string[];
  statusIn?: readonly string[];
  statusNotIn?: readonly string[];
  /** ISO instants, inclusive. */
  createdFrom?: string;
  createdTo?: string;
  limit: number;
}

/** Cases matching the filter, newest first. */
export function findCasesNewestFirst(q: Queryable, f: PublicCaseFilter) {
  return q
    .selectFrom('case_file')
    .select([
      'id',
      'case_no',
      'status',
      'level',
      'result',
      'case_type',
      'lat',
      'lng',
      'grid_id',
      'handling_area_id',
      'created_at',
      'updated_at',
    ])
    .where(sql<SqlBool>`${sql.ref('case_file.id')} in ${f.among}`)
    .$if(f.caseNos !== undefined, (qb) => qb.where('case_no', 'in', [...(f.caseNos ?? [])]))
    .$if(f.caseTypes !== undefined, (qb) => qb.where('case_type', 'in', [...(f.caseTypes ?? [])]))
    .$if(f.statusIn !== undefined, (qb) => qb.where('status', 'in', [...(f.statusIn ?? [])]))
    .$if(f.statusNotIn !== undefined, (qb) => qb.where('status', 'not in', [...(f.statusNotIn ?? [])]))
    .$if(f.createdFrom !== undefined, (qb) => qb.where('created_at', '>=', f.createdFrom ?? ''))
    .$if(f.createdTo !== undefined, (qb) => qb.where('created_at', '<=', f.createdTo ?? ''))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
}

export interface CaseFilters {
  status?: string[];
  level?: number;
  areaPath?: string;
  caseType?: string;
  overdue?: boolean;
  supervised?: boolean;
  /** Only cases I reported. */
  mine?: boolean;
  /** Only cases where I (or my department) am an active handler. */
  assigned?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

/** The case's grid lies inside one of these subtrees (the areas module says which areas those are). */
function gridUnder(q: Queryable, paths: readonly string[]): Expression<SqlBool> {
  return expressionBuilder<CasesTables, 'case_file'>()('case_file.grid_id', 'in', areaIdsUnder(q, paths));
}

/** A party row of one of the scope's departments, inside the area that department assignment serves. */
function departmentParty(q: Queryable, scope: ListScope): Expression<SqlBool>[] {
  return scope.departments.map(({ departmentId, areaPath }) => {
    const isDepartment = sql<SqlBool>`${sql.ref('case_party.department_id')} = ${departmentId}`;
    return areaPath === null ? isDepartment : sql<SqlBool>`(${isDepartment} and ${gridUnder(q, [areaPath])})`;
  });
}

/** Cases the scope allows, filtered, newest first, with the total count. */
export async function listCases(q: Queryable, scope: ListScope, filters: CaseFilters) {
  const query = listCasesQuery(q, scope, filters);
  const [rows, total] = await Promise.all([
    casesPage(query, filters).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CaseRow[], total: Number(total.n) };
}

/** One page of a case query, newest first. */
export function casesPage(query: ReturnType<typeof listCasesQuery>, page: { limit: number; offset: number }) {
  return query
    .selectAll('case_file')
    .orderBy('case_file.created_at', 'desc')
    .orderBy('case_file.id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
}

/** The cases the scope allows, filtered: FROM and WHERE, before paging or counting. */
export function listCasesQuery(q: Queryable, scope: ListScope, filters: CaseFilters) {
  let query = q.selectFrom('case_file');
  if (filters.mine) {
    query = query.where('case_file.reporter_id', '=', scope.userId);
  } else if (!scope.all && !filters.assigned) {
    // (Cases assigned to me are visible to me: the `assigned` filter below is the narrower one.)
    query = query.where((eb) => {
      const visible: Expression<SqlBool>[] = [eb('case_file.reporter_id', '=', scope.userId)];
      if (scope.areaPaths.length > 0) visible.push(gridUnder(q, scope.areaPaths));
      const party = eb
        .selectFrom('case_party')
        .select('case_party.id')
        .whereRef('case_party.case_id', '=', 'case_file.id')
        .where((e) => e.or([e('case_party.user_id', '=', scope.userId), ...departmentParty(q, scope)]));
      visible.push(eb.exists(party));
      return eb.or(visible);
    });
  }
  if (filters.assigned) {
    // The "today" list: my few active assignments, found through the assignment index
    // (case_party_assignment), each case then looked up by key — never a walk over open cases.
    // Uncorrelated subqueries, so the planner starts from the index; a department's part counts only
    // inside the area that department assignment serves.
    query = query.where((eb) => {
      const mine = eb(
        'case_file.id',
        'in',
        eb
          .selectFrom('case_party')
          .select('case_party.case_id')
          .where('case_party.active', '=', 1)
          .where('case_party.user_id', '=', scope.userId),
      );
      const departments = scope.departments.map(({ departmentId, areaPath }) => {
        const part = eb(
          'case_file.id',
          'in',
          eb
            .selectFrom('case_party')
            .select('case_party.case_id')
            .where('case_party.active', '=', 1)
            .where('case_party.department_id', '=', departmentId),
        );
        return areaPath === null ? part : eb.and([part, gridUnder(q, [areaPath])]);
      });
      return eb.or([mine, ...departments]);
    });
  }
  if (filters.status && filters.status.length > 0)
    query = query.where('case_file.status', 'in', filters.status);
  if (filters.level !== undefined) query = query.where('case_file.level', '=', filters.level);
  if (filters.areaPath) query = query.where(gridUnder(q, [filters.areaPath]));
  if (filters.caseType) query = query.where('case_file.case_type', '=', filters.caseType);
  if (filters.overdue !== undefined) query = query.where('case_file.overdue', '=', filters.overdue ? 1 : 0);
  if (filters.supervised !== undefined)
    query = query.where('case_file.supervised', '=', filters.supervised ? 1 : 0);
  if (filters.q) {
    const q = filters.q;
    query = query.where((eb) =>
      eb.or([
        containsIgnoringCase('case_file.title', q),
        containsIgnoringCase('case_file.case_no', q),
        containsIgnoringCase('case_file.description', q),
      ]),
    );
  }
  return query;
}
