/**
 * One workflow action (`POST /cases/{id}/actions/{action}`): lock the case, check role and area
 * (403) and state (409), compute the outcome (actions.ts), write it (apply.ts) — one transaction.
 */
import type { CaseStatus } from '../../../../shared/domain.ts';
import { conflict, notFound, refused } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Actor } from '../../people/actor.ts';
import { type ActionContext, type ActionInputs, runAction } from '../actions.ts';
import { authorize } from '../policy.ts';
import type { WorkingTime } from '../ports.ts';
import * as repo from '../repository.ts';
import { scopeOf } from '../scope.ts';
import { type CaseAction, canTransition, nextStatus } from '../state-machine.ts';
import { applyOutcome } from './apply.ts';
import type { CaseServiceDeps } from './deps.ts';
import { readsIn } from './handling-area.ts';
import { type Once, remember } from './once.ts';

/** The act command: runs `action` on the case and returns its id once committed. */
export function createAct(deps: CaseServiceDeps) {
  const { db, dialect } = deps.database;
  return async <A extends CaseAction>(
    actor: Actor,
    caseId: string,
    action: A,
    input: ActionInputs[A],
    wt: WorkingTime,
    request: Once,
  ): Promise<string> => {
    await db.transaction().execute(async (tx) => {
      const c = await repo.findCase(tx, caseId, { dialect });
      if (!c) throw notFound('not_found.case');
      const parties = await repo.partiesOf(tx, caseId);
      const scope = scopeOf(c, parties);
      const decision = authorize(actor, action, scope);
      if (!decision.allowed) throw refused(decision.reason);
      if (!canTransition(c.status as CaseStatus, action)) {
        throw conflict(
          'case.status_forbids_action',
          { status: c.status, action },
          { status: c.status, action },
        );
      }
      const now = deps.clock.now();
      const ctx: ActionContext = { actor, c, parties, now, wt, read: readsIn(deps, tx, c), newId: uuidv7 };
      const outcome = await runAction(ctx, action, input);
      const status = nextStatus(c.status as CaseStatus, action, outcome.transition ?? {});
      if (!status) throw conflict('case.action_not_possible', { action });
      await applyOutcome(
        deps,
        tx,
        c,
        outcome,
        status,
        { actorId: actor.userId, actorRole: decision.role },
        wt,
        now,
      );
      await remember(tx, request, caseId, now.toISOString());
    });
    return caseId;
  };
}
