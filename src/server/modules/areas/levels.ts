/**
 * Which area handles a case at each level of the five-level chain (SPEC §5), read off the grid's
 * materialised path '/banner/town/village/grid[/micro-grid]/': L1 the (unit, community or
 * enterprise) grid, L2 its village, L3 its town, L4 and L5 the banner. Pure, so a command can use it
 * inside its transaction.
 */
import type { Level } from '../../../shared/domain.ts';
import { idsOnPath } from './repository.ts';

/** Path index of the handling area for each level (index = tree depth). */
const DEPTH_OF_LEVEL: Record<Level, number> = { 1: 3, 2: 2, 3: 1, 4: 0, 5: 0 };

/** The id of the area handling a case at `level`, or undefined when the path is too short (not a grid). */
export function handlingAreaOnPath(gridPath: string, level: Level): string | undefined {
  const ids = idsOnPath(gridPath);
  if (ids.length < 4) return undefined;
  return ids[DEPTH_OF_LEVEL[level]];
}
