/**
 * Password login issuing an opaque bearer token (also set as a cookie for the web apps). Only the
 * token's SHA-256 is stored, so a stolen database holds no usable session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { unauthorized } from '../../platform/errors.ts';
import { type Actor, loadActor } from './actor.ts';
import { verifyPassword } from './passwords.ts';

export interface AuthService {
  login(username: string, password: string): Promise<{ token: string; expiresAt: string; actor: Actor }>;
  /** The actor behind a token, or undefined when it is unknown or expired. */
  authenticate(token: string): Promise<Actor | undefined>;
  logout(token: string): Promise<void>;
}

/** What the session store keeps of a token: its SHA-256, hex. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a resolved token is trusted without asking the database again. */
const CACHE_MS = 5_000;

export function createAuthService(db: Db, clock: Clock, sessionHours: number): AuthService {
  const cache = new Map<string, { actor: Actor; expiresAt: number; checkedAt: number }>();
  return {
    async login(username, password) {
      const user = await db
        .selectFrom('app_user')
        .select(['id', 'password_hash', 'active'])
        .where('username', '=', username)
        .executeTakeFirst();
      // Verify even when the user is unknown, so timing does not reveal which usernames exist.
      const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
      if (!user || !ok || user.active !== 1) throw unauthorized('auth.wrong_credentials');
      const actor = await loadActor(db, user.id);
      if (!actor) throw unauthorized('auth.wrong_credentials');
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000).toISOString();
      await db
        .insertInto('auth_session')
        .values({
          token_hash: tokenHash(token),
          user_id: user.id,
          created_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .execute();
      return { token, expiresAt, actor };
    },
    async authenticate(token) {
      const key = tokenHash(token);
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit && now - hit.checkedAt < CACHE_MS && now < hit.expiresAt) return hit.actor;
      const session = await db
        .selectFrom('auth_session')
        .select(['user_id', 'expires_at'])
        .where('token_hash', '=', key)
        .executeTakeFirst();
      if (!session || Date.parse(session.expires_at) <= now) {
        cache.delete(key);
        return undefined;
      }
      const actor = await loadActor(db, session.user_id);
      if (!actor) return undefined;
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { actor, expiresAt: Date.parse(session.expires_at), checkedAt: now });
      return actor;
    },
    async logout(token) {
      const key = tokenHash(token);
      cache.delete(key);
      await db.deleteFrom('auth_session').where('token_hash', '=', key).execute();
    },
  };
}

// argon2id hash of a random string, only used to spend the same time on unknown usernames.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0n2Y5f9Q0JbqkQ3VnM2eZ8r0m5hXw0qk1c1b7Yd3o5A';
