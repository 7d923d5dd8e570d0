/**
 * Technical accounts (技术账号): accounts that report on behalf of a system, not a person (an Open311
 * key's account). Made by other modules inside their own transaction; the SQL stays in this module.
 */
import type { Role } from '../../../shared/domain.ts';
import type { Queryable } from '../../database.ts';
import { findUserIdByUsername, insertAssignments, insertUserRow } from './users-repository.ts';

export interface NewTechnicalAccount {
  id: string;
  username: string;
  displayName: string;
  /** A hash no password verifies against, so the account can never sign in. */
  passwordHash: string;
  /** Its one assignment. */
  role: Role;
  areaId: string;
  title: string;
  at: string;
}

/** Writes the account (active, no phone) and its one assignment; a taken username is a unique violation. */
export async function insertTechnicalAccount(q: Queryable, account: NewTechnicalAccount): Promise<void> {
  await insertUserRow(q, {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    phoneEnc: null,
    phoneIndex: null,
    passwordHash: account.passwordHash,
    at: account.at,
  });
  await insertAssignments(
    q,
    account.id,
    [{ role: account.role, areaId: account.areaId, departmentId: null, title: account.title }],
    account.at,
  );
}

/** The id of the account with this username, or undefined. */
export function accountIdByUsername(q: Queryable, username: string): Promise<string | undefined> {
  return findUserIdByUsername(q, username);
}
