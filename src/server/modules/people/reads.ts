/**
 * What other modules may read of people (accounts and their role assignments) inside their own
 * transaction. The SQL stays in this module's repository; callers get plain values, one query per
 * batch of ids, never one per row.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../database.ts';
import { areaIdsOnPath } from '../areas/reads.ts';
import {
  findActiveRoleHolders,
  findDepartmentHandlers,
  findTeamAssignments,
  findUserNames,
  type TeamAssignmentRow,
} from './directory-repository.ts';

export type { TeamAssignmentRow };

/** The display name of each of these users, by id; unknown ids are absent. */
export async function userNames(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await findUserNames(q, ids)).map((u) => [u.id, u.display_name]));
}

/** Which of these users exist and are active. */
export async function activeUserIds(q: Queryable, ids: readonly string[]): Promise<string[]> {
  return (await findUserNames(q, ids)).filter((u) => u.active === 1).map((u) => u.id);
}

/** Every active administrator. */
export function activeAdminIds(q: Queryable): Promise<string[]> {
  return findActiveRoleHolders(q, ['admin']);
}

/** Active users holding one of `roles` in an area containing `path` (or exactly at it when `exact`). */
export function usersWithRole(
  q: Queryable,
  roles: readonly Role[],
  path: string,
  exact = false,
): Promise<string[]> {
  const onPath = areaIdsOnPath(path);
  return findActiveRoleHolders(q, roles, exact ? onPath.slice(-1) : onPath);
}

/**
 * The people who work for these departments (department handlers) on a case in `gridPath`: those
 * whose department assignment serves an area containing it, or the whole county (no area).
 */
export function departmentMembers(
  q: Queryable,
  departmentIds: readonly string[],
  gridPath: string,
): Promise<string[]> {
  return findDepartmentHandlers(q, departmentIds, areaIdsOnPath(gridPath));
}

/** The assignments of active users with one of `roles` inside the subtree at `areaPath`, by name. */
export function teamAssignments(
  q: Queryable,
  areaPath: string,
  roles: readonly Role[],
): Promise<TeamAssignmentRow[]> {
  return findTeamAssignments(q, areaPath, roles);
}
