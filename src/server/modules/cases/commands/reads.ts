/** Reads of cases: one case with what the viewer may do, the list, the history and its verification. */
import { notFound, refused } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/ids.ts';
import { areaPath } from '../../areas/reads.ts';
import { type CaseVerification, caseEventRows, caseHistory } from '../../ledger/ledger.ts';
import type { Actor } from '../../people/actor.ts';
import { userNames } from '../../people/reads.ts';
import * as lists from '../list-repository.ts';
import { partRefusal } from '../parts.ts';
import { authorize, type CaseScope, canView, listScope, ownParts } from '../policy.ts';
import { type CaseDetail, presentCase, presentCaseSummary } from '../presenter.ts';
import * as repo from '../repository.ts';
import { scopeOf } from '../scope.ts';
import { CASE_ACTIONS, type CaseAction, canTransition } from '../state-machine.ts';
import type { CaseServiceDeps } from './deps.ts';

/** Actions that need a pending request (present: true) or none (present: false). */
const ACTION_NEEDS_PENDING: Partial<Record<CaseAction, { kind: 'extension' | 'void'; present: boolean }>> = {
  approve_extension: { kind: 'extension', present: true },
  refuse_extension: { kind: 'extension', present: true },
  request_extension: { kind: 'extension', present: false },
  approve_void: { kind: 'void', present: true },
  refuse_void: { kind: 'void', present: true },
  request_void: { kind: 'void', present: false },
};

/** The actions `actor` may take on the case now (the buttons the apps show). */
export function allowedActions(
  actor: Actor,
  scope: CaseScope,
  requests: { kind: string; status: string }[],
): CaseAction[] {
  const pending = (kind: string) => requests.some((r) => r.kind === kind && r.status === 'pending');
  return CASE_ACTIONS.filter((a) => {
    if (!canTransition(scope.status, a)) return false;
    const need = ACTION_NEEDS_PENDING[a];
    if (need && pending(need.kind) !== need.present) return false;
    if (a === 'escalate' && scope.level >= 5) return false;
    // accept / report only a part of one's own that is still open (joint handling: per department)
    if ((a === 'accept' || a === 'feedback') && partRefusal(a, ownParts(actor, scope, ['handler', 'joint'])))
      return false;
    return authorize(actor, a, scope).allowed;
  });
}

export type CaseReads = ReturnType<typeof createCaseReads>;

export function createCaseReads(deps: Pick<CaseServiceDeps, 'database' | 'deadlines' | 'clock' | 'vault'>) {
  const { db } = deps.database;

  /** One case as `actor` may see it: 404 unknown, 403 out of sight. */
  async function detail(actor: Actor, caseId: string): Promise<CaseDetail> {
    if (!isUuid(caseId)) throw notFound('not_found.case');
    const c = await repo.findCase(db, caseId);
    if (!c) throw notFound('not_found.case');
    const parties = await repo.partiesOf(db, caseId);
    const scope = scopeOf(c, parties);
    const view = canView(actor, scope);
    if (!view.allowed) throw refused(view.reason);
    const [requests, orders, wt] = await Promise.all([
      repo.requestsOf(db, caseId),
      repo.supervisionOrdersOf(db, caseId),
      deps.deadlines.current(),
    ]);
    return presentCase(db, {
      c,
      parties,
      requests,
      orders,
      allowed: allowedActions(actor, scope, requests),
      viewer: actor,
      viewerRole: view.role,
      wt,
      now: deps.clock.now(),
      vault: deps.vault,
    });
  }

  return {
    detail,

    /** The materialised path of an area (for the list's area filter), or undefined. */
    async areaPath(areaId: string): Promise<string | undefined> {
      if (!isUuid(areaId)) return undefined;
      return (await areaPath(db, areaId))?.path;
    },

    async list(actor: Actor, filters: lists.CaseFilters) {
      const scope = listScope(actor);
      const { rows, total } = await lists.listCases(db, scope, filters);
      const wt = await deps.deadlines.current();
      const now = deps.clock.now();
      return { total, items: rows.map((c) => presentCaseSummary(c, wt, now)) };
    },

    /** The case's history, for anyone who may see the case. */
    async history(actor: Actor, caseId: string) {
      await detail(actor, caseId); // the same visibility check
      const [events, c] = await Promise.all([
        caseEventRows(db, caseId),
        db
          .selectFrom('case_file')
          .select(['anonymous', 'reporter_id'])
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow(),
      ]);
      const names = await userNames(
        db,
        events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
      );
      const rows = events.map((e) => ({
        ...e,
        actor_name: e.actor_id === null ? null : (names.get(e.actor_id) ?? null),
      }));
      // 匿名: an anonymous reporter's own entries do not name them to anyone else.
      const hidden = c.anonymous === 1 && c.reporter_id !== actor.userId ? c.reporter_id : null;
      return rows.map((r) =>
        hidden !== null && r.actor_id === hidden ? { ...r, actor_id: null, actor_name: null } : r,
      );
    },

    /** 链校验: recomputes the hash of each of the case's history entries, for anyone who may see it. */
    async verification(actor: Actor, caseId: string): Promise<CaseVerification> {
      await detail(actor, caseId); // the same visibility check
      return (await caseHistory(db, caseId)).verification;
    },
  };
}
