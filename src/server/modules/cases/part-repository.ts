/** SQL for each handler's part of a case (accepted, reported, result). No rules here. */
import type { Tx as PlatformTx } from '../../platform/db/database.ts';
import { departmentNames } from '../catalogue/departments.ts';
import { userNames } from '../people/reads.ts';
import type { CasesTables } from './schema.ts';

/** The cases module's own tables only: names come from the catalogue and people modules. */
type Tx = PlatformTx<CasesTables>;

/** Marks these parties' parts accepted now. */
export async function markAccepted(tx: Tx, partyIds: string[], now: string): Promise<void> {
  if (partyIds.length === 0) return;
  await tx.updateTable('case_party').set({ accepted_at: now }).where('id', 'in', partyIds).execute();
}

/** Records the result these parties report for their part. */
export async function markReported(tx: Tx, partyIds: string[], result: string, now: string): Promise<void> {
  if (partyIds.length === 0) return;
  await tx.updateTable('case_party').set({ reported_at: now, result }).where('id', 'in', partyIds).execute();
}

/** Clears every active part's report (rework, reopening): each reports again. */
export async function clearReports(tx: Tx, caseId: string): Promise<void> {
  await tx
    .updateTable('case_party')
    .set({ reported_at: null, result: null })
    .where('case_id', '=', caseId)
    .where('active', '=', 1)
    .execute();
}

/** Ends these parties' part (one department's 退单 in joint handling). */
export async function deactivate(tx: Tx, partyIds: string[]): Promise<void> {
  if (partyIds.length === 0) return;
  await tx.updateTable('case_party').set({ active: 0 }).where('id', 'in', partyIds).execute();
}

/** The reported results of the active parts, each with its department's (or person's) name, in order. */
export async function reportedParts(
  tx: Tx,
  caseId: string,
): Promise<{ who: string | null; result: string }[]> {
  const rows = await tx
    .selectFrom('case_party')
    .select(['department_id', 'user_id', 'result'])
    .where('case_id', '=', caseId)
    .where('active', '=', 1)
    .where('reported_at', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const [departments, people] = await Promise.all([
    departmentNames(
      tx,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    ),
    userNames(
      tx,
      rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
    ),
  ]);
  return rows.map((r) => ({
    who:
      (r.department_id === null ? undefined : departments.get(r.department_id)?.zh) ??
      (r.user_id === null ? undefined : people.get(r.user_id)) ??
      null,
    result: r.result ?? '',
  }));
}
