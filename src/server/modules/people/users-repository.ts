/**
 * The SQL of people administration (accounts and their role assignments). Commands hold the rules;
 * this file only reads and writes rows.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { containsIgnoringCase } from '../../platform/db/sql.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { areaIdsUnder, areaNames, areaPlaces } from '../areas/reads.ts';
import { departmentNames } from '../catalogue/departments.ts';
import type { PeopleTables } from './schema.ts';

/** The people module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<PeopleTables>;

/** One role assignment as the API shows it. */
export interface AssignmentView {
  id: string;
  role: Role;
  areaId: string | null;
  areaName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  title: string | null;
  createdAt: string;
}

/** A normalised assignment to write (account-rules.ts `checkAssignment`). */
export interface CheckedAssignment {
  role: Role;
  areaId: string | null;
  departmentId: string | null;
  title: string | null;
}

export const USER_COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.phone_enc',
  'app_user.active',
  'app_user.password_is_demo',
  'app_user.created_at',
  'app_user.updated_at',
] as const;

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  phone_enc: string | null;
  active: number;
  password_is_demo: number;
  created_at: string;
  updated_at: string;
}

/** The assignments of these users, each list in creation order. */
export async function assignmentsOf(
  q: Queryable,
  userIds: readonly string[],
): Promise<Map<string, AssignmentView[]>> {
  const byUser = new Map<string, AssignmentView[]>();
  if (userIds.length === 0) return byUser;
  const rows = await q
    .selectFrom('assignment')
    .select(['id', 'user_id', 'role', 'area_id', 'department_id', 'title', 'created_at'])
    .where('user_id', 'in', [...userIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const [areas, departments] = await Promise.all([
    areaNames(
      q,
      rows.flatMap((r) => (r.area_id ? [r.area_id] : [])),
    ),
    departmentNames(
      q,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    ),
  ]);
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({
      id: r.id,
      role: r.role as Role,
      areaId: r.area_id,
      areaName: (r.area_id && areas.get(r.area_id)?.zh) ?? null,
      departmentId: r.department_id,
      departmentName: (r.department_id && departments.get(r.department_id)?.zh) ?? null,
      title: r.title,
      createdAt: r.created_at,
    });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

export function findUserRow(q: Queryable, userId: string): Promise<UserRow | undefined> {
  return q.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirst();
}

/** What a password change needs of the account. */
export function findPasswordOwner(q: Queryable, userId: string) {
  return q
    .selectFrom('app_user')
    .select(['password_hash', 'username', 'phone_enc'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function findActiveFlag(q: Queryable, userId: string) {
  return q.selectFrom('app_user').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
}

export async function isAdmin(q: Queryable, userId: string): Promise<boolean> {
  const row = await q
    .selectFrom('assignment')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  return row !== undefined;
}

/** The id of the account with this username, or undefined. */
export async function findUserIdByUsername(q: Queryable, username: string): Promise<string | undefined> {
  const row = await q.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
  return (await findUserIdByUsername(q, username)) !== undefined;
}

export async function phoneIndexTaken(q: Queryable, phoneIndex: string): Promise<boolean> {
  const row = await q
    .selectFrom('app_user')
    .select('id')
    .where('phone_bidx', '=', phoneIndex)
    .executeTakeFirst();
  return row !== undefined;
}

/** The kind and path of an area, or undefined. */
export async function areaOf(
  q: Queryable,
  areaId: string,
): Promise<{ kind: string; path: string } | undefined> {
  return (await areaPlaces(q, [areaId])).get(areaId);
}

export async function insertUserRow(
  q: Queryable,
  row: {
    id: string;
    username: string;
    displayName: string;
    phoneEnc: string | null;
    phoneIndex: string | null;
    passwordHash: string;
    at: string;
  },
): Promise<void> {
  await q
    .insertInto('app_user')
    .values({
      id: row.id,
      username: row.username,
      display_name: row.displayName,
      phone_enc: row.phoneEnc,
      phone_bidx: row.phoneIndex,
      password_hash: row.passwordHash,
      password_is_demo: 0,
      active: 1,
      created_at: row.at,
      updated_at: row.at,
    })
    .execute();
}

export async function insertAssignments(
  q: Queryable,
  userId: string,
  assignments: readonly (CheckedAssignment & { id?: string })[],
  at: string,
): Promise<void> {
  if (assignments.length === 0) return;
  await q
    .insertInto('assignment')
    .values(
      assignments.map((a) => ({
        id: a.id ?? uuidv7(),
        user_id: userId,
        role: a.role,
        area_id: a.areaId,
        department_id: a.departmentId,
        title: a.title,
        created_at: at,
      })),
    )
    .execute();
}

export async function updateUserRow(
  q: Queryable,
  userId: string,
  set: { displayName?: string; active?: boolean; passwordHash?: string; at: string },
): Promise<void> {
  await q
    .updateTable('app_user')
    .set({
      ...(set.displayName === undefined ? {} : { display_name: set.displayName }),
      ...(set.active === undefined ? {} : { active: set.active ? 1 : 0 }),
      ...(set.passwordHash === undefined ? {} : { password_hash: set.passwordHash, password_is_demo: 0 }),
      updated_at: set.at,
    })
    .where('id', '=', userId)
    .execute();
}

export function assignmentKeysOf(q: Queryable, userId: string) {
  return q
    .selectFrom('assignment')
    .select(['role', 'area_id', 'department_id'])
    .where('user_id', '=', userId)
    .execute();
}

/** An assignment of this user with its role and whether the user is active. */
export function findAssignment(q: Queryable, userId: string, assignmentId: string) {
  return q
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .select(['assignment.id', 'assignment.role', 'app_user.active'])
    .where('assignment.id', '=', assignmentId)
    .where('assignment.user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteAssignment(q: Queryable, assignmentId: string): Promise<void> {
  await q.deleteFrom('assignment').where('id', '=', assignmentId).execute();
}

/** The paths of the areas the user is assigned in. */
export async function areaPathsOf(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q
    .selectFrom('assignment')
    .select('area_id')
    .where('user_id', '=', userId)
    .where('area_id', 'is not', null)
    .execute();
  const areaIds = rows.flatMap((r) => (r.area_id ? [r.area_id] : []));
  const places = await areaPlaces(q, areaIds);
  return areaIds.flatMap((id) => {
    const place = places.get(id);
    return place ? [place.path] : [];
  });
}

export interface UserSearch {
  /** Part of the username or display name. */
  text?: string;
  /** The blind index of a whole phone number in `text`. */
  phoneIndex?: string;
  role?: string;
  /** Assigned in this area's subtree. */
  areaPath?: string;
  /** Assigned in one of these subtrees. */
  withinPaths?: readonly string[];
  limit: number;
  offset: number;
}

/** One page of users matching a search, by username, and how many match in all. */
export async function searchUsers(q: Queryable, s: UserSearch): Promise<{ rows: UserRow[]; total: number }> {
  const { text, phoneIndex, role, areaPath, withinPaths: within } = s;
  const base = q
    .selectFrom('app_user')
    .$if(text !== undefined && text !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          containsIgnoringCase('app_user.username', text ?? ''),
          containsIgnoringCase('app_user.display_name', text ?? ''),
          ...(phoneIndex === undefined ? [] : [eb('app_user.phone_bidx', '=', phoneIndex)]),
        ]),
      ),
    )
    .$if(areaPath !== undefined || role !== undefined || within !== undefined, (qb) =>
      // One assignment must satisfy every condition: "grid workers in this town", not
      // "a grid worker somewhere who also has something in this town".
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('assignment')
            .select('assignment.id')
            .whereRef('assignment.user_id', '=', 'app_user.id')
            .$if(role !== undefined, (sq) => sq.where('assignment.role', '=', role ?? ''))
            .$if(areaPath !== undefined, (sq) =>
              sq.where('assignment.area_id', 'in', areaIdsUnder(q, [areaPath ?? ''])),
            )
            .$if(within !== undefined, (sq) =>
              sq.where('assignment.area_id', 'in', areaIdsUnder(q, within ?? [])),
            ),
        ),
      ),
    );
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select(USER_COLUMNS)
    .orderBy('app_user.username')
    .limit(s.limit)
    .offset(s.offset)
    .execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}
