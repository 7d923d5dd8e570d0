/** The read port of the actions (ActionReads), over the command's transaction. */
import type { Level } from '../../../shared/domain.ts';
import type { Tx } from '../../database.ts';
import { findCaseType } from '../catalogue/case-types.ts';
import { existingDepartmentIds } from '../catalogue/departments.ts';
import { activeUserIds, departmentMembers, usersWithRole } from '../people/reads.ts';
import type { ActionReads } from './action-types.ts';
import type { RoutingPort } from './ports.ts';
import * as repo from './repository.ts';

export function actionReads(
  tx: Tx,
  caseId: string,
  routing: RoutingPort,
  handlingArea: (level: Level) => Promise<{ id: string; path: string }>,
): ActionReads {
  return {
    caseType: (code) => findCaseType(tx, code),
    async caseWithParties(id) {
      const c = await repo.findCase(tx, id);
      return c && { c, parties: await repo.partiesOf(tx, id) };
    },
    activeUserIds: (ids) => activeUserIds(tx, ids),
    departmentIds: (ids) => existingDepartmentIds(tx, ids),
    route: (caseType, gridPath) => routing(tx, caseType, gridPath),
    departmentMembers: (ids, gridPath) => departmentMembers(tx, ids, gridPath),
    usersWithRole: (roles, path) => usersWithRole(tx, roles, path, true),
    activeHandlerUsers: (parties, gridPath) => repo.activeHandlerUsers(tx, parties, gridPath),
    pendingRequest: (kind) => repo.pendingRequest(tx, caseId, kind),
    handlingArea,
  };
}
