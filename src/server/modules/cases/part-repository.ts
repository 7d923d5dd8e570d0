/** SQL for each handler's part of a case (accepted, reported, result). No rules here. */
import type { Tx } from '../../database.ts';

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
    .leftJoin('department', 'department.id', 'case_party.department_id')
    .leftJoin('app_user', 'app_user.id', 'case_party.user_id')
    .select(['department.name_zh as department', 'app_user.display_name as person', 'case_party.result'])
    .where('case_party.case_id', '=', caseId)
    .where('case_party.active', '=', 1)
    .where('case_party.reported_at', 'is not', null)
    .orderBy('case_party.created_at')
    .orderBy('case_party.id')
    .execute();
  return rows.map((r) => ({ who: r.department ?? r.person, result: r.result ?? '' }));
}
