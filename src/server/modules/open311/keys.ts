/**
 * Open311 API keys: issued to an owner (another department's system, a city app), listed and
 * revoked by an administrator. Only a key's SHA-256 is stored; the key itself is shown once.
 *
 * Open311 callers are not people, yet every case has a reporter and every history entry an actor.
 * So each key reports through a technical account of its own, made on the key's first request:
 * role 群众 resident (SPEC §3: a resident may report anywhere in the county, and sees only their
 * own cases), assigned at the county's root area, named after the key's owner, with no usable
 * password (it can never sign in).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { isUuid, uuidv7 } from '../../platform/ids.ts';
import { rootAreaId } from '../areas/reads.ts';
import { type Actor, loadActor } from '../people/actor.ts';
import { accountIdByUsername, insertTechnicalAccount } from '../people/technical-accounts.ts';
import type { Open311Tables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<Open311Tables>;

/** A key as administrators see it (never the key itself). */
export interface Open311KeyView {
  id: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  owner: string;
  /** The technical account reporting for the key, once it has made its first request. */
  accountId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A newly issued key: the only time the key is shown. */
export interface IssuedKey extends Open311KeyView {
  key: string;
}

/** A verified, unrevoked key. */
export interface KeyHolder {
  id: string;
  owner: string;
  userId: string | null;
}

export interface Open311Keys {
  issue(owner: string): Promise<IssuedKey>;
  list(): Promise<Open311KeyView[]>;
  /** Revokes by id; a revoked key stays listed, with its revocation time. */
  revoke(id: string): Promise<Open311KeyView>;
  /** The holder of an unrevoked key, or undefined. */
  verify(key: string): Promise<KeyHolder | undefined>;
  /** The technical account the key reports as, made on first use. */
  accountOf(holder: KeyHolder): Promise<Actor>;
}

const KEY_PREFIX = 'o311_';
const SHOWN_CHARS = KEY_PREFIX.length + 6;
/** An unusable password hash: argon2 verification of it always fails, so the account cannot sign in. */
const NO_LOGIN = '!open311-technical-account';

/** SHA-256 of a key, hex; keys are 192 random bits, so a plain hash is enough. */
export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

const present = (r: {
  id: string;
  key_prefix: string;
  owner: string;
  user_id: string | null;
  created_at: string;
  revoked_at: string | null;
}): Open311KeyView => ({
  id: r.id,
  prefix: r.key_prefix,
  owner: r.owner,
  accountId: r.user_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

function checkOwner(owner: string): string {
  const name = owner.trim();
  // Control characters would end up in a display name and in logs.
  if (name.length < 1 || name.length > 80 || /\p{Cc}/u.test(name)) {
    throw badRequest('owner', 'validation.length_range', { min: 1, max: 80 });
  }
  return name;
}

export function createOpen311Keys(db: Db, clock: Clock): Open311Keys {
  async function find(id: string) {
    if (!isUuid(id)) return undefined;
    return db.selectFrom('open311_key').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Makes the key's technical account, or finds the one a concurrent first request made. */
  async function ensureAccount(holder: KeyHolder): Promise<string> {
    const username = `open311.${holder.id}`;
    const rootId = await rootAreaId(db);
    if (!rootId) throw badRequest('location', 'area.none_yet');
    const now = clock.now().toISOString();
    const userId = uuidv7();
    try {
      await db.transaction().execute(async (tx) => {
        await insertTechnicalAccount(tx, {
          id: userId,
          username,
          displayName: `Open311：${holder.owner}`,
          passwordHash: NO_LOGIN,
          role: 'resident',
          areaId: rootId,
          title: 'Open311',
          at: now,
        });
        await tx.updateTable('open311_key').set({ user_id: userId }).where('id', '=', holder.id).execute();
      });
      return userId;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const made = await accountIdByUsername(db, username);
      if (made === undefined) throw error;
      return made;
    }
  }

  return {
    async issue(owner) {
      const name = checkOwner(owner);
      const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
      const row = {
        id: uuidv7(),
        key_hash: keyHash(key),
        key_prefix: key.slice(0, SHOWN_CHARS),
        owner: name,
        user_id: null,
        created_at: clock.now().toISOString(),
        revoked_at: null,
      };
      await db.insertInto('open311_key').values(row).execute();
      return { ...present(row), key };
    },

    async list() {
      const rows = await db
        .selectFrom('open311_key')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(present);
    },

    async revoke(id) {
      const row = await find(id);
      if (!row) throw notFound('not_found.api_key');
      if (row.revoked_at) throw conflict('api_key.revoked');
      const revokedAt = clock.now().toISOString();
      await db.updateTable('open311_key').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
      return present({ ...row, revoked_at: revokedAt });
    },

    async verify(key) {
      if (!key.startsWith(KEY_PREFIX) || key.length > 100) return undefined;
      const row = await db
        .selectFrom('open311_key')
        .select(['id', 'owner', 'user_id', 'revoked_at'])
        .where('key_hash', '=', keyHash(key))
        .executeTakeFirst();
      if (!row || row.revoked_at !== null) return undefined;
      return { id: row.id, owner: row.owner, userId: row.user_id };
    },

    async accountOf(holder) {
      const userId = holder.userId ?? (await ensureAccount(holder));
      const actor = await loadActor(db, userId);
      // An administrator disabled the key's account: the key may not report.
      if (!actor) throw forbidden('auth.api_key_account_disabled');
      return actor;
    },
  };
}
