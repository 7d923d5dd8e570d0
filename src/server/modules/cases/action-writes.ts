/** Does the writes an action's outcome describes (CaseWrite), in the command's transaction. */
import type { Transaction } from 'kysely';
import type { CaseWrite } from './action-types.ts';
import * as parts from './part-repository.ts';
import * as repo from './repository.ts';
import type { CasesTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Tx = Transaction<CasesTables>;

/**
 * Writes each of `writes` for case `caseId` at `now`; returns the columns they imply
 * for the case row (`combine_result` → `result`).
 */
export async function performWrites(
  tx: Tx,
  caseId: string,
  now: string,
  writes: readonly CaseWrite[],
): Promise<{ result?: string }> {
  const implied: { result?: string } = {};
  for (const w of writes) {
    switch (w.op) {
      case 'add_parties':
        await repo.addParties(tx, caseId, w.level, w.kind, w, now);
        break;
      case 'deactivate_parties':
        await repo.deactivateParties(tx, caseId);
        break;
      case 'deactivate_parts':
        await parts.deactivate(tx, w.partyIds);
        break;
      case 'mark_accepted':
        await parts.markAccepted(tx, w.partyIds, now);
        break;
      case 'mark_reported':
        await parts.markReported(tx, w.partyIds, w.result, now);
        break;
      case 'clear_reports':
        await parts.clearReports(tx, caseId);
        break;
      case 'file_request':
        await repo.insertRequest(tx, {
          id: w.id,
          case_id: caseId,
          kind: w.kind,
          requested_by: w.requestedBy,
          reason: w.reason,
          amount: w.amount,
          status: 'pending',
          decided_by: null,
          decided_at: null,
          created_at: now,
        });
        break;
      case 'decide_request':
        await repo.decideRequest(tx, w.id, w.decision, w.by, now);
        break;
      case 'open_supervision_order':
        await repo.insertSupervisionOrder(tx, {
          id: w.id,
          case_id: caseId,
          inspector_id: w.inspectorId,
          reason: w.reason,
          due_at: w.dueAt,
          status: 'open',
          created_at: now,
          closed_at: null,
        });
        break;
      case 'close_supervision_orders':
        await repo.closeSupervisionOrders(tx, caseId, now);
        break;
      case 'combine_result': {
        const reported = await parts.reportedParts(tx, caseId);
        implied.result = reported.map((r) => (r.who ? `${r.who}：${r.result}` : r.result)).join('\n');
        break;
      }
    }
  }
  return implied;
}
