/**
 * The signed-in person as the HTTP layer and the policies see them: who they are and every role they
 * hold, each with the area (and its materialised path) or department it is scoped to. Loading one
 * from the database is the people module's job (modules/people/actor.ts); the shape lives here so
 * the platform needs no module.
 */
import type { Role } from '../../shared/domain.ts';

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
