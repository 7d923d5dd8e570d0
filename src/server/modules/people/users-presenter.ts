/** Users as the API shows them: the phone masked, flags as booleans, with their assignments. */
import type { Queryable as AnyQueryable } from '../../database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import type { PeopleTables } from './schema.ts';
import { type AssignmentView, assignmentsOf, findUserRow, type UserRow } from './users-repository.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<PeopleTables>;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  /** Masked (138****5678), or null when none is on record. */
  phone: string | null;
  active: boolean;
  /** True while the password is a demo one that must be changed. */
  passwordIsDemo: boolean;
  createdAt: string;
  updatedAt: string;
  assignments: AssignmentView[];
}

export function presentUser(vault: Vault, row: UserRow, assignments: AssignmentView[]): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: vault.mask('phone', row.phone_enc),
    active: row.active === 1,
    passwordIsDemo: row.password_is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    assignments,
  };
}

/** Rows with their assignments, presented in the same order. */
export async function presentUsers(
  q: Queryable,
  vault: Vault,
  rows: readonly UserRow[],
): Promise<UserView[]> {
  const assignments = await assignmentsOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentUser(vault, r, assignments.get(r.id) ?? []));
}

/** One user as the API shows them; 404 when there is none. */
export async function getUserView(q: Queryable, vault: Vault, userId: string): Promise<UserView> {
  const row = await findUserRow(q, userId);
  if (!row) throw notFound('not_found.user');
  const [view] = await presentUsers(q, vault, [row]);
  if (!view) throw notFound('not_found.user');
  return view;
}
