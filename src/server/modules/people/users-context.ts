/** What every people command works with: the database, the clock and the personal-data vault. */
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import type { Throttle } from './throttle.ts';

export interface UsersContext {
  db: Db;
  clock: Clock;
  vault: Vault;
  throttle: Throttle;
}

/** The context's clock as an ISO timestamp. */
export const nowOf = (ctx: UsersContext) => ctx.clock.now().toISOString();
