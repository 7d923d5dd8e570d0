/** The contact phone of a case in full (PIPL: every full view is logged by the vault). */
import { forbidden } from '../../../platform/errors.ts';
import type { Actor } from '../../people/actor.ts';
import type { CaseDetail } from '../presenter.ts';
import type { CaseServiceDeps } from './deps.ts';

/**
 * The contact phone in full: for the reporter themselves, and for the centre operators of the
 * case's area. An anonymous reporter's phone goes to no one else. Every view, the reporter's own
 * included, goes through `vault.reveal`, which logs who saw it and why.
 */
export function createContactPhone(
  deps: Pick<CaseServiceDeps, 'vault'>,
  detail: (actor: Actor, caseId: string) => Promise<CaseDetail>,
) {
  return async (actor: Actor, caseId: string): Promise<string | null> => {
    const c = await detail(actor, caseId);
    const own = c.viewerRole === 'reporter';
    if (!own && c.anonymous) throw forbidden('forbidden.anonymous_phone');
    const operator = actor.assignments.some(
      (a) => a.role === 'centre_operator' && a.areaPath && c.gridPath.startsWith(a.areaPath),
    );
    if (!own && !operator) throw forbidden('forbidden.full_phone');
    return deps.vault.reveal(
      { name: 'case.contact_phone', id: caseId },
      actor,
      own ? 'own_data' : 'contact_reporter',
    );
  };
}
