/**
 * People administration (SPEC §3): accounts, their role assignments ("1+6+X", residents, departments,
 * centres), passwords and phones. Each use case is a command in `commands/`, the SQL is in
 * `users-repository.ts`; phones go through the personal-data vault — encrypted at rest, masked in
 * every answer, and a full phone only through `revealPhone`, which the vault logs (PIPL, SPEC §2).
 */

import type { Db } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/vault/cipher.ts';
import { createVault } from '../../platform/vault/vault.ts';
import { type AssignmentInput, resetUserPassword } from './account-rules.ts';
import { addAssignment, removeAssignment } from './commands/assignments.ts';
import { changeOwnPassword } from './commands/change-own-password.ts';
import { type CreateUserInput, createUser } from './commands/create-user.ts';
import { type ListUsersFilter, listUsers } from './commands/list-users.ts';
import { type RegisterResidentInput, registerResident } from './commands/register-resident.ts';
import { updateUser } from './commands/update-user.ts';
import { createThrottle } from './throttle.ts';
import type { UsersContext } from './users-context.ts';
import { getUserView, type UserView } from './users-presenter.ts';
import { type AssignmentView, areaPathsOf } from './users-repository.ts';

export type { CreateUserInput } from './commands/create-user.ts';
export type { ListUsersFilter } from './commands/list-users.ts';
export type { RegisterResidentInput } from './commands/register-resident.ts';
export type { UserView } from './users-presenter.ts';
export type { AssignmentView } from './users-repository.ts';

export interface UsersService {
  createUser(input: CreateUserInput): Promise<UserView>;
  /** Registers a resident; `address` (the caller's network address) is throttled (issue 7 #5). */
  registerResident(input: RegisterResidentInput, address?: string): Promise<UserView>;
  /** Sets a new password chosen by an administrator; clears the demo flag and ends the user's sessions. */
  resetPassword(username: string, password: string): Promise<void>;
  /** The signed-in user changes their own password; their other sessions end. */
  changeOwnPassword(
    userId: string,
    oldPassword: string,
    newPassword: string,
    keepToken?: string,
  ): Promise<void>;
  /** Enables or disables an account; disabling ends its sessions. */
  setActive(userId: string, active: boolean): Promise<UserView>;
  updateUser(userId: string, patch: { displayName?: string; active?: boolean }): Promise<UserView>;
  listUsers(filter: ListUsersFilter): Promise<{ items: UserView[]; total: number }>;
  getUser(userId: string): Promise<UserView>;
  addAssignment(userId: string, input: AssignmentInput): Promise<AssignmentView>;
  removeAssignment(userId: string, assignmentId: string): Promise<void>;
  /** Materialised paths of the areas a user is assigned to (for scope checks). */
  areaPathsOf(userId: string): Promise<string[]>;
  /** The full phone, logged to `personal_data_access` as seen by `viewerId`; null when none. */
  revealPhone(viewerId: string, userId: string): Promise<string | null>;
}

/** Creates the people service over the database, a clock and the personal-data cipher. */
export function createUsersService(db: Db, deps: { clock: Clock; cipher: PersonalDataCipher }): UsersService {
  const { clock } = deps;
  const ctx: UsersContext = {
    db,
    clock,
    vault: createVault({ db, cipher: deps.cipher, clock }),
    throttle: createThrottle(db, clock),
  };
  return {
    createUser: (input) => createUser(ctx, input),
    registerResident: (input, address) => registerResident(ctx, input, address),
    resetPassword: (username, password) => resetUserPassword(db, clock, username, password),
    changeOwnPassword: (userId, oldPassword, newPassword, keepToken) =>
      changeOwnPassword(ctx, userId, oldPassword, newPassword, keepToken),
    setActive: (userId, active) => updateUser(ctx, userId, { active }),
    updateUser: (userId, patch) => updateUser(ctx, userId, patch),
    listUsers: (filter) => listUsers(ctx, filter),
    getUser: (userId) => getUserView(db, ctx.vault, userId),
    addAssignment: (userId, input) => addAssignment(ctx, userId, input),
    removeAssignment: (userId, assignmentId) => removeAssignment(ctx, userId, assignmentId),
    areaPathsOf: (userId) => areaPathsOf(db, userId),
    revealPhone: (viewerId, userId) =>
      ctx.vault.reveal({ name: 'user.phone', id: userId }, { userId: viewerId }, 'account_admin'),
  };
}
