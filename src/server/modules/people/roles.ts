/** Groups of roles more than one module decides by. */
import type { Role } from '../../../shared/domain.ts';

/**
 * The grid team (网格团队) proper, the "1+6" of "1+6+X": grid chief, guide, inspector and manager,
 * the police officer, full- and part-time grid workers. Not the "X" (social forces).
 */
export const GRID_TEAM_ROLES: readonly Role[] = [
  'grid_chief',
  'grid_guide',
  'grid_inspector',
  'grid_manager',
  'police_officer',
  'grid_worker',
  'part_time_worker',
];
