/**
 * `zhizhi user add` and `zhizhi user reset-password`: account administration from the shell, for the
 * first administrator and for recovery. Areas and departments are named by their codes.
 */
import { ROLES, type Role } from '../../shared/domain.ts';
import type { Db } from '../database.ts';
import { findDepartmentByCode } from '../modules/catalogue/departments.ts';
import { resetUserPassword } from '../modules/people/account-rules.ts';
import { createUsersService } from '../modules/people/users.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { badRequest } from '../platform/errors.ts';
import type { PersonalDataCipher } from '../platform/personal-data.ts';

export interface UserAddArgs {
  username: string;
  /** Display name. */
  name: string;
  role: string;
  /** Area CODE (e.g. 150626100 for a town), for area-scoped roles. */
  area?: string;
  /** Department CODE, for department handlers. */
  department?: string;
  password: string;
}

/**
 * Creates a user with one role; returns a one-line confirmation. Throws an error with a clear
 * message (unknown role, area or department code, taken username, weak password…).
 */
export async function userAdd(
  db: Db,
  cipher: PersonalDataCipher,
  clock: Clock,
  args: UserAddArgs,
): Promise<string> {
  if (!(ROLES as readonly string[]).includes(args.role)) {
    throw badRequest('role', 'ref.not_a_role', { value: args.role, allowed: ROLES });
  }
  const role = args.role as Role;
  let area: { id: string; name_zh: string; code: string } | undefined;
  if (args.area) {
    area = await db
      .selectFrom('area')
      .select(['id', 'name_zh', 'code'])
      .where('code', '=', args.area)
      .executeTakeFirst();
    if (!area) throw badRequest('area', 'ref.no_area_with_code', { code: args.area });
  }
  let departmentId: string | undefined;
  let departmentName: string | undefined;
  if (args.department) {
    const dept = await findDepartmentByCode(db, args.department);
    if (!dept) throw badRequest('department', 'ref.no_department_with_code', { code: args.department });
    departmentId = dept.id;
    departmentName = dept.nameZh;
  }
  const users = createUsersService(db, { clock, cipher });
  const user = await users.createUser({
    username: args.username,
    displayName: args.name,
    password: args.password,
    assignments: [{ role, areaId: area?.id ?? null, departmentId: departmentId ?? null }],
  });
  const where = [area ? `${area.name_zh} (${area.code})` : '', departmentName ?? '']
    .filter(Boolean)
    .join(', ');
  return `user "${user.username}" (${user.displayName}) added as ${role}${where ? ` of ${where}` : ''}`;
}

/** Sets a new password for a user by username; their sessions end. Returns a one-line confirmation. */
export async function userResetPassword(
  db: Db,
  args: { username: string; password: string },
  clock: Clock = systemClock,
): Promise<string> {
  await resetUserPassword(db, clock, args.username, args.password);
  return `password of "${args.username}" reset; their sessions have ended`;
}
