/** The signed-in user changes their own password; their other sessions end, this one survives. */
import { badRequest, notFound } from '../../../platform/errors.ts';
import { checkPassword, endSessions } from '../account-rules.ts';
import { tokenHash } from '../auth.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { nowOf, type UsersContext } from '../users-context.ts';
import { findPasswordOwner, updateUserRow } from '../users-repository.ts';

export async function changeOwnPassword(
  ctx: UsersContext,
  userId: string,
  oldPassword: string,
  newPassword: string,
  keepToken?: string,
): Promise<void> {
  const user = await findPasswordOwner(ctx.db, userId);
  if (!user) throw notFound('not_found.user');
  // The rule refuses a password containing the phone: the server's own use, not a view.
  checkPassword('newPassword', newPassword, {
    username: user.username,
    phone: user.phone_enc === null ? null : ctx.vault.unseal(user.phone_enc),
  });
  if (!(await verifyPassword(user.password_hash, oldPassword))) {
    throw badRequest('oldPassword', 'auth.wrong_old_password');
  }
  if (oldPassword === newPassword) throw badRequest('newPassword', 'validation.must_differ');
  const passwordHash = await hashPassword(newPassword);
  // The session store keeps SHA-256 of the token (auth.ts); the current session survives.
  const keepHash = keepToken ? tokenHash(keepToken) : undefined;
  await ctx.db.transaction().execute(async (tx) => {
    await updateUserRow(tx, userId, { passwordHash, at: nowOf(ctx) });
    await endSessions(tx, userId, keepHash);
  });
}
