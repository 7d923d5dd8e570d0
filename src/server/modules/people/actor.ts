/**
 * The signed-in person as the policies see them: who they are and every role they hold, each with
 * the area (and its materialised path) or department it is scoped to.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../platform/db/database.ts';

export interface RoleAssignment {
  role: Role;
  areaId: string | null;
  /** '/banner/…/area/' of the assigned area, for subtree checks; null when not area-scoped. */
  areaPath: string | null;
  areaDepth: number | null;
  departmentId: string | null;
  title: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  assignments: RoleAssignment[];
}

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

/** True when `path` is the area at `ancestorPath` or lies inside it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The actor's assignments of the given roles. */
export function assignmentsOf(actor: Actor, ...roles: Role[]): RoleAssignment[] {
  return actor.assignments.filter((a) => roles.includes(a.role));
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.assignments.some((a) => roles.includes(a.role));
}
