/** The area handling a case at a level, read off its grid's path; the actions' read port over a transaction. */
import type { Level } from '../../../../shared/domain.ts';
import type { Tx } from '../../../database.ts';
import { conflict } from '../../../platform/errors.ts';
import { handlingAreaOnPath } from '../../areas/levels.ts';
import { areaPath } from '../../areas/reads.ts';
import { actionReads } from '../action-reads.ts';
import type { ActionReads } from '../action-types.ts';
import type { CaseWithPaths } from '../repository.ts';
import type { CaseServiceDeps } from './deps.ts';

/** Looks the area up in the command's own transaction; 409 when the path has none at that level. */
export function handlingAreaResolver(tx: Tx, gridPath: string) {
  return async (level: Level) => {
    const id = handlingAreaOnPath(gridPath, level);
    const area = id && (await areaPath(tx, id));
    if (!area) throw conflict('case.no_area_at_level', { level });
    return area;
  };
}

/** What an action on case `c` may read, in the command's transaction. */
export function readsIn(deps: Pick<CaseServiceDeps, 'routing'>, tx: Tx, c: CaseWithPaths): ActionReads {
  return actionReads(tx, c.id, deps.routing, handlingAreaResolver(tx, c.grid_path));
}
