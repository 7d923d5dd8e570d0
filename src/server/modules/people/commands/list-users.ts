/** The user list of the console: filters by area, role and text, within the caller's reach. */
import { ROLES } from '../../../../shared/domain.ts';
import { badRequest } from '../../../platform/errors.ts';
import { isPhoneNumber } from '../../../platform/vault/masking.ts';
import type { UsersContext } from '../users-context.ts';
import { presentUsers, type UserView } from '../users-presenter.ts';
import { areaOf, searchUsers } from '../users-repository.ts';

export interface ListUsersFilter {
  /** Users with an assignment in this area or below it. */
  areaId?: string;
  /** Users holding this role. */
  role?: string;
  /** Part of the username or display name, or a whole phone number (exact, via its blind index). */
  q?: string;
  limit: number;
  offset: number;
  /**
   * Restrict to users assigned inside one of these area subtrees (a centre operator's reach);
   * undefined = everyone.
   */
  withinPaths?: readonly string[];
}

export async function listUsers(
  ctx: UsersContext,
  filter: ListUsersFilter,
): Promise<{ items: UserView[]; total: number }> {
  let areaPath: string | undefined;
  if (filter.areaId !== undefined) {
    const area = await areaOf(ctx.db, filter.areaId);
    if (!area) throw badRequest('areaId', 'ref.no_such_area');
    areaPath = area.path;
  }
  if (filter.role !== undefined && !(ROLES as readonly string[]).includes(filter.role)) {
    throw badRequest('role', 'validation.enum', { allowed: ROLES });
  }
  if (filter.withinPaths !== undefined && filter.withinPaths.length === 0) return { items: [], total: 0 };
  const text = filter.q?.trim();
  // A whole phone number is looked up exactly through its blind index: phones are never in clear.
  const phoneIndex = text && isPhoneNumber(text) ? ctx.vault.index('phone', text) : undefined;
  const { rows, total } = await searchUsers(ctx.db, {
    ...(text === undefined ? {} : { text }),
    ...(phoneIndex === undefined ? {} : { phoneIndex }),
    ...(filter.role === undefined ? {} : { role: filter.role }),
    ...(areaPath === undefined ? {} : { areaPath }),
    ...(filter.withinPaths === undefined ? {} : { withinPaths: filter.withinPaths }),
    limit: filter.limit,
    offset: filter.offset,
  });
  return { items: await presentUsers(ctx.db, ctx.vault, rows), total };
}
