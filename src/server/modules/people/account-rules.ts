/**
 * The rules of an account that do not need the whole people service: usernames (never a phone),
 * display names, the password rule, role assignments, ending sessions, the last administrator, and
 * an administrator's password reset (also used by `zhizhi user reset-password`).
 */
import { GRID_KINDS, ROLES, type Role } from '../../../shared/domain.ts';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
  passwordProblem,
} from '../../../shared/password-rule.ts';
import type { Db, Queryable } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { badRequest, type Message, notFound } from '../../platform/errors.ts';
import { areaPlaces } from '../areas/reads.ts';
import { findDepartment } from '../catalogue/departments.ts';
import { hashPassword } from './passwords.ts';

/** Roles whose powers hold inside one area (SPEC §3): they cannot exist without it. */
export const AREA_SCOPED_ROLES: readonly Role[] = ROLES.filter(
  (r) => r !== 'admin' && r !== 'department_handler',
);

/** A role to give someone, scoped to an area and/or a department. */
export interface AssignmentInput {
  role: string;
  areaId?: string | null;
  departmentId?: string | null;
  /** Free title, e.g. 党员, 乡贤, 法律顾问 for social forces. */
  title?: string | null;
}

const USERNAME = /^[a-z0-9._-]{2,50}$/;

/**
 * A username problem, or undefined: 2–50 of `a-z 0-9 . _ -`, and not a phone number — a phone is
 * personal data, kept encrypted in its own field, never as a username (issue 7 #4).
 */
export function usernameProblem(username: string): Message | undefined {
  if (/^[\d-]{7,}$/.test(username)) return { key: 'validation.username_is_phone' };
  if (USERNAME.test(username)) return undefined;
  return { key: 'validation.username' };
}

/** A resident's username: `r.` and 12 random hex digits of the id — it says nothing about them. */
export function residentUsername(userId: string): string {
  return `r.${userId.replace(/-/g, '').slice(-12)}`;
}

export function checkDisplayName(field: string, value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 100)
    throw badRequest(field, 'validation.length_range', { min: 1, max: 100 });
  return name;
}

export function checkPassword(field: string, password: string, context: PasswordContext = {}): void {
  const problem = passwordProblem(password, context);
  if (!problem) return;
  if (problem.code === 'too_short')
    throw badRequest(field, 'validation.min_length', { limit: PASSWORD_MIN_LENGTH });
  if (problem.code === 'too_long')
    throw badRequest(field, 'validation.max_length', { limit: PASSWORD_MAX_LENGTH });
  throw badRequest(field, `password.${problem.code}`);
}

/** Checks one assignment against the role rules and the tables; returns it normalised. */
export async function checkAssignment(
  q: Queryable,
  field: string,
  input: AssignmentInput,
): Promise<{ role: Role; areaId: string | null; departmentId: string | null; title: string | null }> {
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw badRequest(`${field}.role`, 'validation.enum', { allowed: ROLES });
  }
  const role = input.role as Role;
  const areaId = input.areaId || null;
  const departmentId = input.departmentId || null;
  const title = input.title?.trim() || null;
  if (title !== null && title.length > 50)
    throw badRequest(`${field}.title`, 'validation.max_length', { limit: 50 });
  if (areaId === null && AREA_SCOPED_ROLES.includes(role)) {
    throw role === 'resident'
      ? badRequest(`${field}.areaId`, 'user.resident_home_grid')
      : badRequest(`${field}.areaId`, 'user.role_needs_area', { role });
  }
  if (departmentId === null && role === 'department_handler') {
    throw badRequest(`${field}.departmentId`, 'user.department_needed');
  }
  if (areaId !== null) {
    const area = (await areaPlaces(q, [areaId])).get(areaId);
    if (!area) throw badRequest(`${field}.areaId`, 'ref.no_such_area');
    if (role === 'resident' && !(GRID_KINDS as readonly string[]).includes(area.kind)) {
      throw badRequest(`${field}.areaId`, 'user.home_must_be_grid');
    }
  }
  if (departmentId !== null) {
    const dept = await findDepartment(q, departmentId);
    if (!dept) throw badRequest(`${field}.departmentId`, 'ref.no_such_department');
  }
  return { role, areaId, departmentId, title };
}

export const sameAssignment = (
  a: { role: string; areaId: string | null; departmentId: string | null },
  b: { role: string; areaId: string | null; departmentId: string | null },
) => a.role === b.role && a.areaId === b.areaId && a.departmentId === b.departmentId;

/** Ends every session of a user (or every one but `keepTokenHash`). */
export async function endSessions(q: Queryable, userId: string, keepTokenHash?: string): Promise<void> {
  let query = q.deleteFrom('auth_session').where('user_id', '=', userId);
  if (keepTokenHash) query = query.where('token_hash', '<>', keepTokenHash);
  await query.execute();
}

/**
 * Sets a user's password by username: clears `password_is_demo` and ends the user's sessions.
 * Used by the service and by the `zhizhi user reset-password` command.
 */
export async function resetUserPassword(
  db: Db,
  clock: Clock,
  username: string,
  password: string,
): Promise<void> {
  checkPassword('password', password, { username });
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw notFound('not_found.username', { username });
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_is_demo: 0, updated_at: clock.now().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await endSessions(tx, user.id);
  });
}

/**
 * True when an active administrator remains once `notUser` is disabled or `notAssignment` removed,
 * so the platform is never left without anyone who can administer it.
 */
export async function adminRemains(
  q: Queryable,
  without: { notUser?: string; notAssignment?: string },
): Promise<boolean> {
  const row = await q
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .select('assignment.id')
    .where('assignment.role', '=', 'admin')
    .where('app_user.active', '=', 1)
    .$if(without.notUser !== undefined, (qb) => qb.where('app_user.id', '<>', without.notUser ?? ''))
    .$if(without.notAssignment !== undefined, (qb) =>
      qb.where('assignment.id', '<>', without.notAssignment ?? ''),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
