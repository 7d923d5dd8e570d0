/** Giving a user one more role (role × area or department), and taking one away. */
import { conflict, notFound } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type AssignmentInput, adminRemains, checkAssignment, sameAssignment } from '../account-rules.ts';
import { nowOf, type UsersContext } from '../users-context.ts';
import {
  type AssignmentView,
  assignmentKeysOf,
  assignmentsOf,
  deleteAssignment,
  findActiveFlag,
  findAssignment,
  insertAssignments,
  updateUserRow,
} from '../users-repository.ts';

/** Adds an assignment; 409 when the user already holds the same one. */
export async function addAssignment(
  ctx: UsersContext,
  userId: string,
  input: AssignmentInput,
): Promise<AssignmentView> {
  const id = uuidv7();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await findActiveFlag(tx, userId))) throw notFound('not_found.user');
    const one = await checkAssignment(tx, 'assignment', input);
    const existing = await assignmentKeysOf(tx, userId);
    const twin = existing.some((e) =>
      sameAssignment({ role: e.role, areaId: e.area_id, departmentId: e.department_id }, one),
    );
    if (twin) throw conflict('user.role_exists');
    const at = nowOf(ctx);
    await insertAssignments(tx, userId, [{ ...one, id }], at);
    await updateUserRow(tx, userId, { at });
  });
  const made = (await assignmentsOf(ctx.db, [userId])).get(userId)?.find((a) => a.id === id);
  if (!made) throw notFound('not_found.assignment');
  return made;
}

/** Removes an assignment; 409 when it is the last active administrator's. */
export async function removeAssignment(
  ctx: UsersContext,
  userId: string,
  assignmentId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findAssignment(tx, userId, assignmentId);
    if (!row) throw notFound('not_found.assignment');
    if (
      row.role === 'admin' &&
      row.active === 1 &&
      !(await adminRemains(tx, { notAssignment: assignmentId }))
    ) {
      throw conflict('user.last_admin');
    }
    await deleteAssignment(tx, assignmentId);
    await updateUserRow(tx, userId, { at: nowOf(ctx) });
  });
}
