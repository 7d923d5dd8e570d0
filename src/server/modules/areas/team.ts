/**
 * The grid team (网格团队) of an area: who holds a staff role inside it, for the people who run it —
 * a grid chief picking handlers to dispatch to (一键派单), a grid manager pulling colleagues in (一键联动).
 * `GET /api/v1/users` stays with administrators and centre operators; this is the narrow read the
 * grid team itself needs.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import type { Actor } from '../people/actor.ts';
import { teamAssignments } from '../people/reads.ts';
import { GRID_TEAM_ROLES } from '../people/roles.ts';
import { findAreaLabels } from './repository.ts';
import type { AreasTables } from './schema.ts';

/** The areas module's own tables only: people are read through the people module. */
type Queryable = AnyQueryable<AreasTables>;

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
  const rows = await teamAssignments(q, areaPath, TEAM_ROLES);
  const areas = new Map(
    (await findAreaLabels(q, [...new Set(rows.map((r) => r.area_id))])).map((a) => [a.id, a]),
  );
  const members = rows.flatMap((r) => {
    const area = areas.get(r.area_id);
    return area ? [{ r, area }] : [];
  });
  // By area (its path), then by name: the rows come by name, and the sort is stable.
  members.sort((a, b) => (a.area.path < b.area.path ? -1 : a.area.path > b.area.path ? 1 : 0));
  return members.map(({ r, area }) => ({
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role as Role,
    areaId: r.area_id,
    areaName: { zh: area.name_zh, en: area.name_en, mn: area.name_mn },
    title: r.title,
  }));
}
