/** The contact phone of a case in full (PIPL: every view by someone else is logged). */
import { forbidden } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Actor } from '../../people/actor.ts';
import type { CaseDetail } from '../presenter.ts';
import type { CaseServiceDeps } from './deps.ts';

/**
 * The contact phone in full: for the reporter themselves, and for the centre operators of the
 * case's area (every such view logged, PIPL). An anonymous reporter's phone goes to no one else.
 */
export function createContactPhone(
  deps: Pick<CaseServiceDeps, 'database' | 'clock' | 'cipher'>,
  detail: (actor: Actor, caseId: string) => Promise<CaseDetail>,
) {
  const { db } = deps.database;
  return async (actor: Actor, caseId: string): Promise<string | null> => {
    const c = await detail(actor, caseId);
    const own = c.viewerRole === 'reporter';
    if (!own && c.anonymous) throw forbidden('forbidden.anonymous_phone');
    const operator = actor.assignments.some(
      (a) => a.role === 'centre_operator' && a.areaPath && c.gridPath.startsWith(a.areaPath),
    );
    if (!own && !operator) throw forbidden('forbidden.full_phone');
    const row = await db
      .selectFrom('case_file')
      .select('contact_phone_enc')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    if (!own)
      await db
        .insertInto('personal_data_access')
        .values({
          id: uuidv7(),
          user_id: actor.userId,
          subject: `case:${caseId}`,
          field: 'contact_phone',
          at: deps.clock.now().toISOString(),
        })
        .execute();
    return row.contact_phone_enc ? deps.cipher.decrypt(row.contact_phone_enc) : null;
  };
}
