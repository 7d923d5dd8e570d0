/**
 * Writes a new account and its assignments in one transaction, after checking that the username
 * and the phone are free and every assignment is valid (shared by createUser and registerResident).
 */
import { isUniqueViolation } from '../../../platform/db/sql.ts';
import { badRequest, conflict } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type AssignmentInput, checkAssignment, sameAssignment } from '../account-rules.ts';
import { nowOf, type UsersContext } from '../users-context.ts';
import {
  type CheckedAssignment,
  insertAssignments,
  insertUserRow,
  phoneIndexTaken,
  usernameTaken,
} from '../users-repository.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  phone: string | null;
  assignments: AssignmentInput[];
}

/** Inserts the account; returns its id. 409 when the username or phone is taken. */
export async function insertAccount(
  ctx: UsersContext,
  input: NewAccount,
  passwordHash: string,
  id = uuidv7(),
): Promise<string> {
  const at = nowOf(ctx);
  const phoneIndex = input.phone ? ctx.vault.index('phone', input.phone) : null;
  const usernameIsTaken = () =>
    conflict('user.username_taken', { username: input.username }, { field: 'username' });
  const phoneIsTaken = () => conflict('user.phone_other_account', {}, { field: 'phone' });
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (await usernameTaken(tx, input.username)) throw usernameIsTaken();
      if (phoneIndex !== null && (await phoneIndexTaken(tx, phoneIndex))) throw phoneIsTaken();
      const checked: CheckedAssignment[] = [];
      for (const [i, a] of input.assignments.entries()) {
        const one = await checkAssignment(tx, `assignments[${i}]`, a);
        const twin = checked.findIndex((c) => sameAssignment(c, one));
        if (twin >= 0) {
          throw badRequest(`assignments[${i}]`, 'validation.duplicate_of', { other: `assignments[${twin}]` });
        }
        checked.push(one);
      }
      await insertUserRow(tx, {
        id,
        username: input.username,
        displayName: input.displayName,
        phoneEnc: ctx.vault.seal(input.phone),
        phoneIndex,
        passwordHash,
        at,
      });
      await insertAssignments(tx, id, checked, at);
    });
  } catch (error) {
    // Two creates racing for one username or phone: the unique key decides, the loser gets a 409.
    if (isUniqueViolation(error))
      throw String(error).includes('phone_bidx') ? phoneIsTaken() : usernameIsTaken();
    throw error;
  }
  return id;
}
