/**
 * Each handler's part of a case (pure). At level 5 several departments handle one case jointly
 * (联管联调): each accepts and reports its own part, and the case goes to verification only when
 * every active joint part has reported — there is no lead department that reports for the others.
 * Elsewhere one handler's report is the case's.
 */
import type { MessageKey } from '../../platform/errors.ts';
import type { CaseParty, CaseScope } from './policy.ts';

const HANDLING: readonly CaseParty['kind'][] = ['handler', 'joint'];

/** True while the case is handled jointly: an active joint part exists. */
export function isJoint(scope: CaseScope): boolean {
  return scope.parties.some((p) => p.active && p.kind === 'joint');
}

/** Why the actor may not accept or report with these parts of theirs (a 409), or undefined. */
export function partRefusal(
  action: 'accept' | 'feedback',
  own: readonly CaseParty[],
): MessageKey | undefined {
  if (action === 'accept')
    return own.length > 0 && own.every((p) => p.accepted) ? 'case.part_already_accepted' : undefined;
  if (!own.some((p) => p.accepted)) return 'case.accept_before_feedback';
  if (!own.some((p) => p.accepted && !p.reported)) return 'case.part_already_reported';
  return undefined;
}

/** Active handling parts other than `own` that have not reported. */
function outstanding(scope: CaseScope, own: readonly CaseParty[]): CaseParty[] {
  const mine = new Set(own.map((p) => p.id));
  return scope.parties.filter((p) => p.active && HANDLING.includes(p.kind) && !p.reported && !mine.has(p.id));
}

/** After the actor reports `own`: does the case wait for other parts? Only in joint handling. */
export function partsOutstandingAfterReport(scope: CaseScope, own: readonly CaseParty[]): boolean {
  return isJoint(scope) && outstanding(scope, own).length > 0;
}

/**
 * After the actor sends `own` back (退单): `none` — no handling part is left, the case returns to its
 * dispatcher; `working` — others still handle it; `all_reported` — every part left has reported.
 */
export function afterSendBack(
  scope: CaseScope,
  own: readonly CaseParty[],
): 'none' | 'working' | 'all_reported' {
  const mine = new Set(own.map((p) => p.id));
  const left = scope.parties.filter((p) => p.active && HANDLING.includes(p.kind) && !mine.has(p.id));
  if (left.length === 0 || !isJoint(scope)) return 'none';
  return left.every((p) => p.reported) ? 'all_reported' : 'working';
}
