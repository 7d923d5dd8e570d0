/** SQL for cases, their parties, requests, supervision orders and notifications. No rules here. */
import { type Selectable, sql } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { forUpdate, type Tx as PlatformTx } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
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
