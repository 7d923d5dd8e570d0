/** Loads the signed-in person (the Actor shape itself lives in platform/actor.ts). */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../database.ts';
import type { Actor } from '../../platform/actor.ts';

export { type Actor, assignmentsOf, hasRole, isWithin, type RoleAssignment } from '../../platform/actor.ts';

/** Loads a user's assignments; undefined when the user does not exist or is disabled. */
export async function loadActor(q: Queryable, userId: string): Promise<Actor | undefined> {
  const user = await q
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.active !== 1) return undefined;
  const rows = await q
    .selectFrom('assignment')
    .leftJoin('area', 'area.id', 'assignment.area_id')
    .select([
      'assignment.role',
      'assignment.area_id',
      'area.path',
      'area.depth',
      'assignment.department_id',
      'assignment.title',
    ])
    .where('assignment.user_id', '=', userId)
    .execute();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    assignments: rows.map((r) => ({
      role: r.role as Role,
      areaId: r.area_id,
      areaPath: r.path,
      areaDepth: r.depth,
      departmentId: r.department_id,
      title: r.title,
    })),
  };
}
