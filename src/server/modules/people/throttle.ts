/**
 * Throttling of sign-in and sign-up (issue 7 #5): attempts are rows in `auth_attempt`, so every
 * PostgreSQL node sees the same counts. A key is refused once it holds `limit` attempts inside the
 * window, until the oldest of them leaves it; the answer is a 429 with `Retry-After`.
 */

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { tooManyRequests } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PeopleTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<PeopleTables>;

/** A counted thing: its key (never a phone or name in clear) and how many attempts the window holds. */
export interface ThrottleRule {
  key: string;
  limit: number;
  windowMs: number;
}

/** Failed sign-ins per account (by user id or blind index) in 15 minutes. */
export const LOGIN_PER_ACCOUNT = { limit: 5, windowMs: 15 * 60_000 } as const;
/** Failed sign-ins per network address in 15 minutes. */
export const LOGIN_PER_ADDRESS = { limit: 20, windowMs: 15 * 60_000 } as const;
/** Resident sign-ups per network address in an hour (a village office signing up its herders fits). */
export const SIGNUP_PER_ADDRESS = { limit: 10, windowMs: 60 * 60_000 } as const;

/** Rows older than this are pruned: longer than every window. */
const KEEP_MS = 24 * 60 * 60_000;

export interface Throttle {
  /** Throws a 429 when any rule's key is at its limit; the wait is the longest of them. */
  check(rules: readonly ThrottleRule[]): Promise<void>;
  /** Counts one attempt against each key (and prunes old rows). */
  record(keys: readonly string[]): Promise<void>;
  /** Forgets a key's attempts (an account that signed in successfully). */
  clear(key: string): Promise<void>;
}

export function createThrottle(db: Db, clock: Clock): Throttle {
  return {
    async check(rules) {
      const now = clock.now().getTime();
      let wait = 0;
      for (const rule of rules) {
        const recent = await db
          .selectFrom('auth_attempt')
          .select('at')
          .where('key', '=', rule.key)
          .where('at', '>', new Date(now - rule.windowMs).toISOString())
          .orderBy('at', 'desc')
          .limit(rule.limit)
          .execute();
        const oldest = recent[rule.limit - 1];
        if (!oldest) continue;
        // Below the limit again once the oldest of the last `limit` attempts leaves the window.
        wait = Math.max(wait, Math.ceil((Date.parse(oldest.at) + rule.windowMs - now) / 1000), 1);
      }
      if (wait > 0) throw tooManyRequests(wait);
    },
    async record(keys) {
      const now = clock.now();
      await db
        .insertInto('auth_attempt')
        .values(keys.map((key) => ({ id: uuidv7(), key, at: now.toISOString() })))
        .execute();
      await db
        .deleteFrom('auth_attempt')
        .where('at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
        .execute();
    },
    async clear(key) {
      await db.deleteFrom('auth_attempt').where('key', '=', key).execute();
    },
  };
}
