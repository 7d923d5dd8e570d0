/** An administrator renames, disables or re-enables an account; disabling ends its sessions. */
import { conflict, notFound } from '../../../platform/errors.ts';
import { adminRemains, checkDisplayName, endSessions } from '../account-rules.ts';
import { nowOf, type UsersContext } from '../users-context.ts';
import { getUserView, type UserView } from '../users-presenter.ts';
import { findActiveFlag, isAdmin, updateUserRow } from '../users-repository.ts';

export async function updateUser(
  ctx: UsersContext,
  userId: string,
  patch: { displayName?: string; active?: boolean },
): Promise<UserView> {
  const displayName =
    patch.displayName === undefined ? undefined : checkDisplayName('displayName', patch.displayName);
  await ctx.db.transaction().execute(async (tx) => {
    const user = await findActiveFlag(tx, userId);
    if (!user) throw notFound('not_found.user');
    // The platform is never left without an active administrator.
    if (patch.active === false && user.active === 1 && (await isAdmin(tx, userId))) {
      if (!(await adminRemains(tx, { notUser: userId }))) throw conflict('user.last_admin');
    }
    await updateUserRow(tx, userId, {
      ...(displayName === undefined ? {} : { displayName }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
      at: nowOf(ctx),
    });
    if (patch.active === false) await endSessions(tx, userId);
  });
  return getUserView(ctx.db, ctx.vault, userId);
}
