/**
 * `zhizhi api-key create --owner NAME | list | revoke --id ID`: Open311 API keys from the shell,
 * and the one key the demo prints.
 */

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { badRequest } from '../../platform/errors.ts';
import { createOpen311Keys, type IssuedKey } from './keys.ts';
import type { Open311Tables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<Open311Tables>;

export const API_KEY_USAGE =
  'usage: zhizhi api-key create --owner NAME | zhizhi api-key list | zhizhi api-key revoke --id ID';

/** Owner of the key a demo install prints. */
export const DEMO_KEY_OWNER = '演示客户端 Open311 demo client';

/**
 * Runs one `api-key` subcommand; returns the text to print. Unknown subcommands and missing
 * options are a 400 (AppError) with the usage.
 */
export async function apiKeyCommand(
  db: Db,
  clock: Clock,
  sub: string | undefined,
  options: { owner?: string; id?: string },
): Promise<string> {
  const keys = createOpen311Keys(db, clock);
  switch (sub) {
    case 'create': {
      if (!options.owner) throw badRequest('--owner', 'cli.option_required', { usage: API_KEY_USAGE });
      const issued = await keys.issue(options.owner);
      return [
        `Open311 API key for "${issued.owner}" (id ${issued.id}):`,
        `  ${issued.key}`,
        'It is shown only now; store it safely.',
      ].join('\n');
    }
    case 'list': {
      const all = await keys.list();
      if (all.length === 0) return 'no Open311 API keys';
      return all
        .map(
          (k) =>
            `${k.id}  ${k.prefix}…  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.owner}` +
            `  (created ${k.createdAt})`,
        )
        .join('\n');
    }
    case 'revoke': {
      if (!options.id) throw badRequest('--id', 'cli.option_required', { usage: API_KEY_USAGE });
      const revoked = await keys.revoke(options.id);
      return `Open311 API key ${revoked.prefix}… of "${revoked.owner}" revoked`;
    }
    default:
      throw badRequest('api-key', 'cli.usage', { usage: API_KEY_USAGE });
  }
}

/** Issues the key the demo prints (demo mode only). */
export function issueDemoOpen311Key(db: Db, clock: Clock): Promise<IssuedKey> {
  return createOpen311Keys(db, clock).issue(DEMO_KEY_OWNER);
}
