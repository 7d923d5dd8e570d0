/** SQL for cases, their parties, requests, supervision orders and notifications. No rules here. */
import { type Expression, expressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { forUpdate, type Tx as PlatformTx } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { containsIgnoringCase } from '../../platform/db/sql.ts';
import { conflict, formatMessage, type Message } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { areaIdsUnder, areaPathOf } from '../areas/reads.ts';
import { departmentMembers } from '../people/reads.ts';
import type { ListScope } from './policy.ts';
import type {
  CaseFileTable,
  CasePartyTable,
  CaseRequestTable,
  CasesTables,
  NotificationTable,
  SupervisionOrderTable,
} from './schema.ts';

/** The cases module's own tables only: areas and people are read through their modules. */
type Queryable = AnyQueryable<CasesTables>;
type Tx = PlatformTx<CasesTables>;

export type CaseRow = Selectable<CaseFileTable>;
export type CaseWithPaths = CaseRow & { grid_path: string; handling_path: string };
export type PartyRow = Selectable<CasePartyTable>;

/** The case with the paths of its grid and handling area; locked for update on PostgreSQL when `lock`. */
export async function findCase(
  q: Queryable,
  id: string,
  lock?: { dialect: Dialect },
): Promise<CaseWithPaths | undefined> {
  const query = q
    .selectFrom('case_file')
    .selectAll('case_file')
    .select([
      areaPathOf(q, 'case_file.grid_id').as('grid_path'),
      areaPathOf(q, 'case_file.handling_area_id').as('handling_path'),
    ])
    .where('case_file.id', '=', id);
  const row = await (lock ? forUpdate(lock.dialect, query) : query).executeTakeFirst();
  return row as CaseWithPaths | undefined;
}

/** What a replay compares with a case's history: one page of case rows by id, after `after`. */
export function findCaseStatePage(q: Queryable, after: string, limit: number) {
  return q
    .selectFrom('case_file')
    .select(['id', 'case_no', 'status', 'level', 'handling_area_id', 'grid_id', 'anonymous'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A subquery that finds the case whose id the outer query holds in `idColumn` (for `exists`). */
export function caseRowQuery(q: Queryable, idColumn: string) {
  return q
    .selectFrom('case_file')
    .select('case_file.id')
    .where('case_file.id', '=', sql.ref<string>(idColumn));
}

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

/** The active handling parts (handler, joint) of these cases that are departments, in order. */
export function findDepartmentParts(q: Queryable, caseIds: readonly string[]) {
  return q
    .selectFrom('case_party')
    .select(['case_id', 'department_id'])
    .where('case_id', 'in', [...caseIds])
    .where('active', '=', 1)
    .where('kind', 'in', ['handler', 'joint'])
    .where('department_id', 'is not', null)
    .orderBy('created_at')
    .execute();
}

/** The number of each of these cases, by id. */
export async function findCaseNumbers(
  q: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('case_file')
    .select(['id', 'case_no'])
    .where('id', 'in', [...caseIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.case_no]));
}

/** Holds the case row until the transaction ends (PostgreSQL; SQLite has one writer anyway). */
export async function lockCaseRow(tx: Tx, dialect: Dialect, id: string): Promise<void> {
  await forUpdate(dialect, tx.selectFrom('case_file').select('id').where('id', '=', id)).execute();
}

export async function insertCase(tx: Tx, row: CaseRow): Promise<void> {
  await tx.insertInto('case_file').values(row).execute();
}

/** Writes the new state, guarded by the version read: a concurrent change makes this a 409. */
export async function updateCase(
  tx: Tx,
  id: string,
  version: number,
  patch: Partial<Omit<CaseRow, 'id' | 'version'>>,
): Promise<void> {
  const result = await tx
    .updateTable('case_file')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw conflict('case.changed_by_someone');
}

export function partiesOf(q: Queryable, caseId: string): Promise<PartyRow[]> {
  return q.selectFrom('case_party').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function addParties(
  tx: Tx,
  caseId: string,
  level: number,
  kind: 'handler' | 'joint' | 'collaborator',
  who: { userIds?: string[]; departmentIds?: string[] },
  now: string,
): Promise<void> {
  const rows = [
    ...(who.userIds ?? []).map((userId) => ({ user_id: userId, department_id: null })),
    ...(who.departmentIds ?? []).map((departmentId) => ({ user_id: null, department_id: departmentId })),
  ].map((p) => ({
    id: uuidv7(),
    case_id: caseId,
    kind,
    level,
    active: 1,
    created_at: now,
    accepted_at: null,
    reported_at: null,
    result: null,
    ...p,
  }));
  if (rows.length > 0) await tx.insertInto('case_party').values(rows).execute();
}

/** Ends the current handlers' part (on escalation, sending back, closing). */
export async function deactivateParties(tx: Tx, caseId: string): Promise<void> {
  await tx
    .updateTable('case_party')
    .set({ active: 0 })
    .where('case_id', '=', caseId)
    .where('active', '=', 1)
    .execute();
}

/** The users behind the case's active handlers (people, and members of handling departments). */
export async function activeHandlerUsers(
  q: Queryable,
  parties: PartyRow[],
  gridPath: string,
): Promise<string[]> {
  const active = parties.filter((p) => p.active === 1 && p.kind !== 'collaborator');
  const users = active.map((p) => p.user_id).filter((u): u is string => u !== null);
  const members = await departmentMembers(
    q,
    active.map((p) => p.department_id).filter((d): d is string => d !== null),
    gridPath,
  );
  return [...new Set([...users, ...members])];
}

export async function notify(
  tx: Tx,
  userIds: string[],
  caseId: string,
  kind: string,
  message: Message,
  now: string,
): Promise<void> {
  const unique = [...new Set(userIds)];
  const params = message.params ?? {};
  if (unique.length === 0) return;
  const rows: NotificationTable[] = unique.map((userId) => ({
    id: uuidv7(),
    user_id: userId,
    case_id: caseId,
    kind,
    message: formatMessage('zh', message.key, params),
    message_key: message.key,
    message_params: JSON.stringify(params),
    created_at: now,
    read_at: null,
  }));
  await tx.insertInto('notification').values(rows).execute();
}

export function pendingRequest(
  q: Queryable,
  caseId: string,
  kind: 'extension' | 'void',
): Promise<Selectable<CaseRequestTable> | undefined> {
  return q
    .selectFrom('case_request')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertRequest(tx: Tx, row: Selectable<CaseRequestTable>): Promise<void> {
  await tx.insertInto('case_request').values(row).execute();
}

export async function decideRequest(
  tx: Tx,
  id: string,
  status: 'approved' | 'refused',
  by: string,
  now: string,
) {
  await tx
    .updateTable('case_request')
    .set({ status, decided_by: by, decided_at: now })
    .where('id', '=', id)
    .execute();
}

export function requestsOf(q: Queryable, caseId: string) {
  return q
    .selectFrom('case_request')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function insertSupervisionOrder(tx: Tx, row: Selectable<SupervisionOrderTable>): Promise<void> {
  await tx.insertInto('supervision_order').values(row).execute();
}

export function supervisionOrdersOf(q: Queryable, caseId: string) {
  return q
    .selectFrom('supervision_order')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function closeSupervisionOrders(tx: Tx, caseId: string, now: string): Promise<void> {
  await tx
    .updateTable('supervision_order')
    .set({ status: 'closed', closed_at: now })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
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
