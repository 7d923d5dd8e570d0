/** An administrator creates an account with its roles (SPEC §3). */
import { badRequest } from '../../../platform/errors.ts';
import { isPhoneNumber } from '../../../platform/vault/masking.ts';
import { type AssignmentInput, checkDisplayName, checkPassword, usernameProblem } from '../account-rules.ts';
import { hashPassword } from '../passwords.ts';
import type { UsersContext } from '../users-context.ts';
import { getUserView, type UserView } from '../users-presenter.ts';
import { insertAccount } from './insert-account.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  assignments: AssignmentInput[];
}

export async function createUser(ctx: UsersContext, input: CreateUserInput): Promise<UserView> {
  const problem = usernameProblem(input.username);
  if (problem) throw badRequest('username', problem.key, problem.params);
  const displayName = checkDisplayName('displayName', input.displayName);
  const phone = input.phone?.trim() || null;
  checkPassword('password', input.password, { username: input.username, phone });
  if (phone !== null && !isPhoneNumber(phone)) throw badRequest('phone', 'validation.phone');
  if (input.assignments.length === 0) throw badRequest('assignments', 'user.assignments_required');
  // Hash before the transaction: argon2 takes ~75 ms and must not hold the write lock.
  const passwordHash = await hashPassword(input.password);
  const id = await insertAccount(
    ctx,
    { username: input.username, displayName, phone, assignments: input.assignments },
    passwordHash,
  );
  return getUserView(ctx.db, ctx.vault, id);
}
