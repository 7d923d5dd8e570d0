/**
 * Password login issuing an opaque bearer token (also set as an httpOnly cookie for the web apps).
 * Only the token's SHA-256 is stored, so a stolen database holds no usable session. A person signs
 * in with their username or their phone number, found through its blind index (platform/vault).
 * Failed sign-ins are throttled per account and per address (throttle.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import { unauthorized } from '../../platform/errors.ts';
import type { PersonalDataCipher } from '../../platform/vault/cipher.ts';
import { isPhoneNumber } from '../../platform/vault/masking.ts';
import { createVault } from '../../platform/vault/vault.ts';
import { type Actor, loadActor } from './actor.ts';
import { verifyPassword } from './passwords.ts';
import { createThrottle, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, type Throttle } from './throttle.ts';

export interface AuthService {
  /** Signs in by username or phone; `address` is the caller's network address, for the throttle. */
  login(
    identifier: string,
    password: string,
    address: string,
  ): Promise<{ token: string; expiresAt: string; actor: Actor }>;
  /** The actor behind a token, or undefined when it is unknown, expired or ended. */
  authenticate(token: string): Promise<Actor | undefined>;
  logout(token: string): Promise<void>;
}

export interface AuthDeps {
  clock: Clock;
  cipher: PersonalDataCipher;
  sessionHours: number;
  /** Defaults to the database-backed throttle. */
  throttle?: Throttle;
}

/** What the session store keeps of a token: its SHA-256, hex. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a resolved actor (their roles) is reused; the session itself is checked on every request. */
const CACHE_MS = 5_000;

const _WRONG = 'wrong username or password';

export function createAuthService(db: Db, deps: AuthDeps): AuthService {
  const { clock, cipher, sessionHours } = deps;
  const vault = createVault({ db, cipher, clock });
  const throttle = deps.throttle ?? createThrottle(db, clock);
  const cache = new Map<string, { actor: Actor; checkedAt: number }>();

  async function findUser(identifier: string) {
    const query = db.selectFrom('app_user').select(['id', 'password_hash', 'active']);
    if (isPhoneNumber(identifier)) {
      const byPhone = await query
        .where('phone_bidx', '=', vault.index('phone', identifier))
        .executeTakeFirst();
      if (byPhone) return byPhone;
    }
    return query.where('username', '=', identifier).executeTakeFirst();
  }

  return {
    async login(rawIdentifier, password, address) {
      const identifier = rawIdentifier.trim();
      const user = await findUser(identifier);
      // Counted per account; an unknown name is counted under its blind index, never in clear.
      const accountKey = `login-account:${user ? user.id : cipher.blindIndex(`login:${identifier}`)}`;
      const addressKey = `login-address:${address}`;
      await throttle.check([
        { key: accountKey, ...LOGIN_PER_ACCOUNT },
        { key: addressKey, ...LOGIN_PER_ADDRESS },
      ]);
      // Verify even when the user is unknown, so timing does not reveal which usernames exist.
      const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
      if (!user || !ok || user.active !== 1) {
        await throttle.record([accountKey, addressKey]);
        throw unauthorized('auth.wrong_credentials');
      }
      const actor = await loadActor(db, user.id);
      if (!actor) throw unauthorized('auth.wrong_credentials');
      await throttle.clear(accountKey);
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
      // One primary-key read per request, so a session ended (password change, account disabled,
      // sign-out on another node) stops working at once.
      const session = await db
        .selectFrom('auth_session')
        .select(['user_id', 'expires_at'])
        .where('token_hash', '=', key)
        .executeTakeFirst();
      if (!session || Date.parse(session.expires_at) <= now) {
        cache.delete(key);
        return undefined;
      }
      const hit = cache.get(key);
      if (hit && now - hit.checkedAt < CACHE_MS) return hit.actor;
      const actor = await loadActor(db, session.user_id);
      if (!actor) return undefined;
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { actor, checkedAt: now });
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
