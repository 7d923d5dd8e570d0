/** The people-administration calls (`/api/v1/users…`) and the departments they refer to. */

import type { Role } from '../../../shared/domain.ts';
import { api, call } from '../api.ts';
import type { components } from '../api-types.ts';
import { type Remote, useApiQuery } from '../query.tsx';
import { queryKeys } from '../query-keys.ts';

export type User = components['schemas']['User'];
export type UserAssignment = components['schemas']['UserAssignment'];

/** Filters of the people list. */
export interface UserFilter {
  q?: string;
  role?: Role;
  areaId?: string;
}

export const PAGE_SIZE = 20;

/** One page of people matching the filter. */
export function listUsers(filter: UserFilter, page: number) {
  return call(
    api.GET('/api/v1/users', {
      params: {
        query: {
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
          ...(filter.q ? { q: filter.q } : {}),
          ...(filter.role ? { role: filter.role } : {}),
          ...(filter.areaId ? { areaId: filter.areaId } : {}),
        },
      },
    }),
  );
}

/** A role in an area or department, as given to a person. */
export interface AssignmentInput {
  role: Role;
  areaId?: string | null;
  departmentId?: string | null;
  title?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  assignments: AssignmentInput[];
}

export function createUser(body: NewUser): Promise<User> {
  return call(api.POST('/api/v1/users', { body }));
}

export function getUser(id: string): Promise<User> {
  return call(api.GET('/api/v1/users/{id}', { params: { path: { id } } }));
}

export function addAssignment(id: string, body: AssignmentInput): Promise<UserAssignment> {
  return call(api.POST('/api/v1/users/{id}/assignments', { params: { path: { id } }, body }));
}

export async function removeAssignment(id: string, assignmentId: string): Promise<void> {
  await call(
    api.DELETE('/api/v1/users/{id}/assignments/{assignmentId}', { params: { path: { id, assignmentId } } }),
  );
}

export async function resetPassword(id: string, password: string): Promise<void> {
  await call(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { password } }));
}

/** The full phone number; the server logs every such view (PIPL). */
export async function revealPhone(id: string): Promise<string | null> {
  return (await call(api.GET('/api/v1/users/{id}/phone', { params: { path: { id } } }))).phone;
}

export function useUsers(filter: UserFilter, page: number) {
  return useApiQuery(queryKeys.userList({ filter, page }), () => listUsers(filter, page));
}

export function useUser(id: string): Remote<User> {
  return useApiQuery(queryKeys.user(id), () => getUser(id));
}
