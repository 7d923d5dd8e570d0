/**
 * A year with no calendar entered (no holiday or make-up day): deadlines there count Monday–Friday,
 * which is wrong on that year's public holidays, so the administrators are told once per year.
 */

import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { activeAdminIds } from '../people/reads.ts';
import * as repo from './repository.ts';
import type { CasesTables } from './schema.ts';

/** Notifies every active administrator that `year` has no calendar (job payload `{ year, caseId }`). */
export async function flagMissingCalendar(
  db: Kysely<CasesTables>,
  clock: Clock,
  payload: unknown,
): Promise<void> {
  const { year, caseId } = payload as { year: string; caseId: string };
  const admins = await activeAdminIds(db);
  await db.transaction().execute(async (tx) => {
    await repo.notify(
      tx,
      admins,
      caseId,
      'calendar_missing',
      { key: 'notice.calendar_missing', params: { year } },
      clock.now().toISOString(),
    );
  });
}
