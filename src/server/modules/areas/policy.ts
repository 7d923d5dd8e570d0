/**
 * Who may do what with areas (SPEC §3): pure functions of the actor's roles. Every signed-in person
 * may read the area tree; only an administrator edits it; the consistency report is for those who
 * run the grids.
 */
import { type Actor, assignmentsOf, hasRole } from '../people/actor.ts';

/** Only an administrator creates, moves or reshapes areas. */
export function mayEditAreas(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}

/**
 * The subtrees whose violations the actor may see: `'all'` for administrators and leaders (and an
 * operator assigned to no particular area), the operator's own areas for a centre operator
 * (综治中心受理员), undefined for everyone else.
 */
export function checksScope(actor: Actor): 'all' | string[] | undefined {
  if (hasRole(actor, 'admin', 'leader')) return 'all';
  const operator = assignmentsOf(actor, 'centre_operator');
  if (operator.length === 0) return undefined;
  if (operator.some((a) => a.areaPath === null)) return 'all';
  return operator.map((a) => a.areaPath as string);
}
