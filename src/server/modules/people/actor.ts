/** Loads the signed-in person (the Actor shape itself lives in platform/actor.ts). */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../database.ts';
import type { Actor } from '../../platform/actor.ts';
import { areaPlaces } from '../areas/reads.ts';

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
    .select(['role', 'area_id', 'department_id', 'title'])
    .where('user_id', '=', userId)
    .execute();
  const places = await areaPlaces(
    q,
    rows.flatMap((r) => (r.area_id ? [r.area_id] : [])),
  );
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    assignments: rows.map((r) => {
      const place = r.area_id ? places.get(r.area_id) : undefined;
      return {
        role: r.role as Role,
        areaId: r.area_id,
        areaPath: place?.path ?? null,
        areaDepth: place?.depth ?? null,
        departmentId: r.department_id,
        title: r.title,
      };
    }),
  };
}
