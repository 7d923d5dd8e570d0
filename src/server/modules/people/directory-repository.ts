/**
 * The SQL of the people directory other modules read through `reads.ts`: names, who holds a role on
 * a path, a department's handlers, a grid's team.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { areaIdsUnder } from '../areas/reads.ts';
import type { PeopleTables } from './schema.ts';

/** The people module's own tables only. */
type Queryable = AnyQueryable<PeopleTables>;

/** Id, display name and active flag of those of these users that exist. */
export async function findUserNames(
  q: Queryable,
  ids: readonly string[],
): Promise<{ id: string; display_name: string; active: number }[]> {
  if (ids.length === 0) return [];
  return q
    .selectFrom('app_user')
    .select(['id', 'display_name', 'active'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Active users holding one of `roles` in one of these areas (any area when `areaIds` is undefined). */
export async function findActiveRoleHolders(
  q: Queryable,
  roles: readonly Role[],
  areaIds?: readonly string[],
): Promise<string[]> {
  if (roles.length === 0 || areaIds?.length === 0) return [];
  const rows = await q
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .select('assignment.user_id')
    .distinct()
    .where('assignment.role', 'in', [...roles])
    .where('app_user.active', '=', 1)
    .$if(areaIds !== undefined, (qb) => qb.where('assignment.area_id', 'in', [...(areaIds ?? [])]))
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Department handlers of these departments whose assignment serves one of `areaIds`, or the whole
 * county (no area).
 */
export async function findDepartmentHandlers(
  q: Queryable,
  departmentIds: readonly string[],
  areaIds: readonly string[],
): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await q
    .selectFrom('assignment')
    .select('user_id')
    .distinct()
    .where('role', '=', 'department_handler')
    .where('department_id', 'in', [...departmentIds])
    .where((eb) =>
      eb.or([
        eb('area_id', 'is', null),
        ...(areaIds.length === 0 ? [] : [eb('area_id', 'in', [...areaIds])]),
      ]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/** One role a person holds in an area, with their display name. */
export interface TeamAssignmentRow {
  user_id: string;
  display_name: string;
  role: string;
  area_id: string;
  title: string | null;
}

/** The assignments of active users with one of `roles` inside the subtree at `areaPath`, by name. */
export async function findTeamAssignments(
  q: Queryable,
  areaPath: string,
  roles: readonly Role[],
): Promise<TeamAssignmentRow[]> {
  const rows = await q
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .select([
      'app_user.id as user_id',
      'app_user.display_name',
      'assignment.role',
      'assignment.area_id',
      'assignment.title',
    ])
    .where('assignment.area_id', 'in', areaIdsUnder(q, [areaPath]))
    .where('assignment.role', 'in', [...roles])
    .where('app_user.active', '=', 1)
    .orderBy('app_user.display_name')
    .execute();
  return rows as TeamAssignmentRow[];
}
