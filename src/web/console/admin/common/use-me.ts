/** The signed-in person (`GET /api/v1/me`) and what their roles let them do on these pages. */

import { type Me, useMe } from '../../../shared/resources/me.ts';

export type { Me };

/** What the administration pages need to know about the signed-in person. */
export interface AdminViewer {
  me: Me;
  /** An administrator (管理员) edits; everyone else reads. */
  isAdmin: boolean;
  /**
   * The areas whose subtrees the person administers or reads: undefined for the whole tree (an
   * administrator or leader, or a centre operator with no area), otherwise their centre's areas.
   */
  areaRoots: string[] | undefined;
}

/** Derives what the viewer may see and do from their assignments. */
export function viewerOf(me: Me): AdminViewer {
  const roles = me.assignments.map((a) => a.role);
  const isAdmin = roles.includes('admin');
  const wholeTree = isAdmin || roles.includes('leader');
  const operator = me.assignments.filter((a) => a.role === 'centre_operator');
  const unscoped = operator.some((a) => a.areaId === null);
  const areaRoots =
    wholeTree || unscoped || operator.length === 0
      ? undefined
      : [...new Set(operator.map((a) => a.areaId as string))];
  return { me, isAdmin, areaRoots };
}

/** Loads the signed-in person once per page. */
export function useViewer() {
  const remote = useMe();
  return { ...remote, viewer: remote.data ? viewerOf(remote.data) : undefined };
}
