/** The policy's view of a case (`CaseScope`) built from its rows. */
import type { CaseStatus, Level } from '../../../shared/domain.ts';
import type { CaseScope } from './policy.ts';
import type { CaseWithPaths, PartyRow } from './repository.ts';

/** What the policy needs of a case: its status, level, paths, reporter and parties. */
export function scopeOf(c: CaseWithPaths, parties: readonly PartyRow[]): CaseScope {
  return {
    status: c.status as CaseStatus,
    level: c.level as Level,
    gridPath: c.grid_path,
    handlingAreaPath: c.handling_path,
    reporterId: c.reporter_id,
    parties: parties.map((p) => ({
      id: p.id,
      accepted: p.accepted_at !== null,
      reported: p.reported_at !== null,
      userId: p.user_id,
      departmentId: p.department_id,
      kind: p.kind as 'handler',
      active: p.active === 1,
    })),
  };
}
