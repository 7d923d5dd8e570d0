/**
 * What other modules may do with a case inside their own transaction. The SQL stays in this module's
 * repository.
 */
import type { Queryable, Tx } from '../../database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { findCasesNewestFirst, type PublicCaseFilter } from './list-repository.ts';
import {
  caseRowQuery,
  findCaseNumbers,
  findCaseStatePage,
  findDepartmentParts,
  lockCaseRow,
} from './repository.ts';

export type { PublicCaseFilter };

/**
 * Holds the case until the caller's transaction ends, so two writers that count something of the
 * case (e.g. its photos) cannot both pass the check.
 */
export function lockCase(tx: Tx, dialect: Dialect, caseId: string): Promise<void> {
  return lockCaseRow(tx, dialect, caseId);
}

/** The stored state of a case as its history must give it (the ledger's replay). */
export interface CaseState {
  id: string;
  case_no: string;
  status: string;
  level: number;
  handling_area_id: string;
  grid_id: string;
  anonymous: number;
}

/** One page of cases by id, those after `after` (keyset paging), with the state a replay checks. */
export function caseStatePage(q: Queryable, after: string, limit: number): Promise<CaseState[]> {
  return findCaseStatePage(q, after, limit);
}

/**
 * A subquery finding the case whose id the outer query holds in `idColumn`, for a caller to embed
 * (`.where(({ exists, not }) => not(exists(caseRow(q, 'case_event.case_id'))))`): one round trip.
 */
export function caseRow(q: Queryable, idColumn: string) {
  return caseRowQuery(q, idColumn);
}

/** Cases matching the filter (among a caller's subquery of case ids), newest first. */
export function casesNewestFirst(q: Queryable, filter: PublicCaseFilter) {
  return findCasesNewestFirst(q, filter);
}

/** The departments actively handling each of these cases (handler or joint parts), in order. */
export async function handlingDepartmentIds(
  q: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (caseIds.length === 0) return new Map();
  // A Set per case keeps each department once, in the order its first part was made.
  const byCase = new Map<string, Set<string>>();
  for (const { case_id, department_id } of await findDepartmentParts(q, caseIds)) {
    if (department_id === null) continue;
    const departments = byCase.get(case_id) ?? new Set<string>();
    byCase.set(case_id, departments.add(department_id));
  }
  return new Map([...byCase].map(([caseId, departments]) => [caseId, [...departments]]));
}

/** The number (案件编号) of each of these cases, by id. */
export function caseNumbers(q: Queryable, caseIds: readonly string[]): Promise<Map<string, string>> {
  return findCaseNumbers(q, caseIds);
}
