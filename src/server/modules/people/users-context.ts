/** What every people command works with: the database, the clock and the personal-data vault. */

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import type { PeopleTables } from './schema.ts';
import type { Throttle } from './throttle.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<PeopleTables>;

export interface UsersContext {
  db: Db;
  clock: Clock;
  vault: Vault;
  throttle: Throttle;
}

/** The context's clock as an ISO timestamp. */
export const nowOf = (ctx: UsersContext) => ctx.clock.now().toISOString();
