/**
 * The grid team (网格团队) of an area: who holds a staff role inside it, for the people who run it —
 * a grid chief picking handlers to dispatch to (一键派单), a grid manager pulling colleagues in (一键联动).
 * `GET /api/v1/users` stays with administrators and centre operators; this is the narrow read the
 * grid team itself needs.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../database.ts';
import type { Actor } from '../people/actor.ts';
import { GRID_TEAM_ROLES } from '../people/roles.ts';

/** One role a person holds inside the area. */
export interface TeamMember {
  userId: string;
  displayName: string;
  role: Role;
  areaId: string;
  areaName: { zh: string; en: string; mn: string | null };
  title: string | null;
}

/** Roles that are not part of a grid team. */
const NOT_TEAM: readonly Role[] = ['resident'];

/**
 * Roles offered as handlers and collaborators (issue 7 #14): the "1+6+X" grid team and the
 * department handlers. Residents, centre operators, leaders and administrators do not handle cases.
 */
export const TEAM_ROLES: readonly Role[] = [...GRID_TEAM_ROLES, 'social_force', 'department_handler'];

/**
 * May the actor see the team of the area at `areaPath`? Administrators and leaders everywhere; any
 * other staff member whose assigned area contains the area or lies inside it. Residents never.
 */
export function mayViewTeam(actor: Actor, areaPath: string): boolean {
  return actor.assignments.some((a) => {
    if (a.role === 'admin' || a.role === 'leader') return true;
    if (NOT_TEAM.includes(a.role) || a.areaPath === null) return false;
    return areaPath.startsWith(a.areaPath) || a.areaPath.startsWith(areaPath);
  });
}

/** Every handler's assignment (TEAM_ROLES) inside the subtree at `areaPath` (active accounts), by area then name. */
export async function listTeam(q: Queryable, areaPath: string): Promise<TeamMember[]> {
  const rows = await q
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .innerJoin('area', 'area.id', 'assignment.area_id')
    .select([
      'app_user.id as user_id',
      'app_user.display_name',
      'assignment.role',
      'assignment.area_id',
      'assignment.title',
      'area.name_zh',
      'area.name_en',
      'area.name_mn',
      'area.path',
    ])
    .where('area.path', 'like', `${areaPath}%`)
    .where('assignment.role', 'in', [...TEAM_ROLES])
    .where('app_user.active', '=', 1)
    .orderBy('area.path')
    .orderBy('app_user.display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role as Role,
    areaId: r.area_id as string,
    areaName: { zh: r.name_zh, en: r.name_en, mn: r.name_mn },
    title: r.title,
  }));
}
