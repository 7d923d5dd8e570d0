/** A person's notifications: list them, mark one read. */

import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Actor } from '../../people/actor.ts';
import type { CasesTables } from '../schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<CasesTables>;

export function createNotificationCommands(db: Db, clock: Clock) {
  return {
    async notifications(actor: Actor, options: { unreadOnly: boolean; limit: number }) {
      let q = db.selectFrom('notification').selectAll().where('user_id', '=', actor.userId);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    },

    async markRead(actor: Actor, id: string) {
      const result = await db
        .updateTable('notification')
        .set({ read_at: clock.now().toISOString() })
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('not_found.notification');
    },
  };
}
