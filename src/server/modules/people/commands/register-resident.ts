/**
 * 群众自助注册 resident self-registration. The resident signs in with their phone (through its blind
 * index); their username is a non-identifying `r.<random>`. Sign-ups are throttled per address.
 */
import { GRID_KINDS } from '../../../../shared/domain.ts';
import { AppError, badRequest, conflict } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { checkDisplayName, checkPassword, residentUsername } from '../account-rules.ts';
import { hashPassword } from '../passwords.ts';
import { SIGNUP_PER_ADDRESS } from '../throttle.ts';
import type { UsersContext } from '../users-context.ts';
import { getUserView, type UserView } from '../users-presenter.ts';
import { areaOf } from '../users-repository.ts';
import { insertAccount } from './insert-account.ts';

export interface RegisterResidentInput {
  phone: string;
  password: string;
  displayName: string;
  /** The resident's home grid (网格). */
  gridId: string;
}

const MOBILE = /^1\d{10}$/;

/** Registers a resident; `address` (the caller's network address) is throttled (issue 7 #5). */
export async function registerResident(
  ctx: UsersContext,
  input: RegisterResidentInput,
  address?: string,
): Promise<UserView> {
  const phone = input.phone.trim();
  if (!MOBILE.test(phone)) throw badRequest('phone', 'validation.mobile');
  const displayName = checkDisplayName('displayName', input.displayName);
  checkPassword('password', input.password, { phone });
  const addressKey = address === undefined ? undefined : `signup-address:${address}`;
  if (addressKey !== undefined) await ctx.throttle.check([{ key: addressKey, ...SIGNUP_PER_ADDRESS }]);
  const grid = await areaOf(ctx.db, input.gridId);
  if (!grid || !(GRID_KINDS as readonly string[]).includes(grid.kind)) {
    throw badRequest('gridId', 'ref.no_such_grid');
  }
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  try {
    await insertAccount(
      ctx,
      {
        username: residentUsername(id),
        displayName,
        phone,
        assignments: [{ role: 'resident', areaId: input.gridId }],
      },
      passwordHash,
      id,
    );
    if (addressKey !== undefined) await ctx.throttle.record([addressKey]);
    return await getUserView(ctx.db, ctx.vault, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      // Counted too: trying phone after phone must not tell who is registered at full speed.
      if (addressKey !== undefined) await ctx.throttle.record([addressKey]);
      throw conflict('user.phone_registered', {}, { field: 'phone' });
    }
    throw error;
  }
}
