/**
 * People administration (SPEC §3): accounts, their role assignments ("1+6+X", residents, departments,
 * centres), passwords and phones. Phones are encrypted at rest and masked in every answer; a full
 * phone is only given out through `revealPhone`, which logs the view (PIPL, SPEC §2).
 */

import { GRID_KINDS, ROLES, type Role } from '../../../shared/domain.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/database.ts';
import { containsIgnoringCase, isUniqueViolation, startsWith } from '../../platform/db/sql.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PersonalDataCipher } from '../../platform/vault/cipher.ts';
import { isPhoneNumber } from '../../platform/vault/masking.ts';
import { createVault } from '../../platform/vault/vault.ts';
import {
  type AssignmentInput,
  adminRemains,
  checkAssignment,
  checkDisplayName,
  checkPassword,
  endSessions,
  resetUserPassword,
  residentUsername,
  sameAssignment,
  usernameProblem,
} from './account-rules.ts';
import { tokenHash } from './auth.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createThrottle, SIGNUP_PER_ADDRESS } from './throttle.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  assignments: AssignmentInput[];
}

/**
 * 群众自助注册 resident self-registration. The resident signs in with their phone (through its blind
 * index); their username is a non-identifying `r.<random>`.
 */
export interface RegisterResidentInput {
  phone: string;
  password: string;
  displayName: string;
  /** The resident's home grid (网格). */
  gridId: string;
}

export interface AssignmentView {
  id: string;
  role: Role;
  areaId: string | null;
  areaName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  title: string | null;
  createdAt: string;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  /** Masked (138****5678), or null when none is on record. */
  phone: string | null;
  active: boolean;
  /** True while the password is a demo one that must be changed. */
  passwordIsDemo: boolean;
  createdAt: string;
  updatedAt: string;
  assignments: AssignmentView[];
}

export interface ListUsersFilter {
  /** Users with an assignment in this area or below it. */
  areaId?: string;
  /** Users holding this role. */
  role?: string;
  /** Part of the username or display name, or a whole phone number (exact, via its blind index). */
  q?: string;
  limit: number;
  offset: number;
  /**
   * Restrict to users assigned inside one of these area subtrees (a centre operator's reach);
   * undefined = everyone.
   */
  withinPaths?: readonly string[];
}

export interface UsersService {
  createUser(input: CreateUserInput): Promise<UserView>;
  /** Registers a resident; `address` (the caller's network address) is throttled (issue 7 #5). */
  registerResident(input: RegisterResidentInput, address?: string): Promise<UserView>;
  /** Sets a new password chosen by an administrator; clears the demo flag and ends the user's sessions. */
  resetPassword(username: string, password: string): Promise<void>;
  /** The signed-in user changes their own password; their other sessions end. */
  changeOwnPassword(
    userId: string,
    oldPassword: string,
    newPassword: string,
    keepToken?: string,
  ): Promise<void>;
  /** Enables or disables an account; disabling ends its sessions. */
  setActive(userId: string, active: boolean): Promise<UserView>;
  updateUser(userId: string, patch: { displayName?: string; active?: boolean }): Promise<UserView>;
  listUsers(filter: ListUsersFilter): Promise<{ items: UserView[]; total: number }>;
  getUser(userId: string): Promise<UserView>;
  addAssignment(userId: string, input: AssignmentInput): Promise<AssignmentView>;
  removeAssignment(userId: string, assignmentId: string): Promise<void>;
  /** Materialised paths of the areas a user is assigned to (for scope checks). */
  areaPathsOf(userId: string): Promise<string[]>;
  /** The full phone, logged to `personal_data_access` as seen by `viewerId`; null when none. */
  revealPhone(viewerId: string, userId: string): Promise<string | null>;
}

const MOBILE = /^1\d{10}$/;

/** Creates the people service over the database, a clock and the personal-data cipher. */
export function createUsersService(db: Db, deps: { clock: Clock; cipher: PersonalDataCipher }): UsersService {
  const { clock } = deps;
  const vault = createVault({ db, cipher: deps.cipher, clock });
  const throttle = createThrottle(db, clock);
  const now = () => clock.now().toISOString();

  async function loadAssignments(
    q: Queryable,
    userIds: readonly string[],
  ): Promise<Map<string, AssignmentView[]>> {
    const byUser = new Map<string, AssignmentView[]>();
    if (userIds.length === 0) return byUser;
    const rows = await q
      .selectFrom('assignment')
      .leftJoin('area', 'area.id', 'assignment.area_id')
      .leftJoin('department', 'department.id', 'assignment.department_id')
      .select([
        'assignment.id',
        'assignment.user_id',
        'assignment.role',
        'assignment.area_id',
        'area.name_zh as area_name',
        'assignment.department_id',
        'department.name_zh as department_name',
        'assignment.title',
        'assignment.created_at',
      ])
      .where('assignment.user_id', 'in', [...userIds])
      .orderBy('assignment.created_at')
      .orderBy('assignment.id')
      .execute();
    for (const r of rows) {
      const list = byUser.get(r.user_id) ?? [];
      list.push({
        id: r.id,
        role: r.role as Role,
        areaId: r.area_id,
        areaName: r.area_name,
        departmentId: r.department_id,
        departmentName: r.department_name,
        title: r.title,
        createdAt: r.created_at,
      });
      byUser.set(r.user_id, list);
    }
    return byUser;
  }

  const userColumns = [
    'id',
    'username',
    'display_name',
    'phone_enc',
    'active',
    'password_is_demo',
    'created_at',
    'updated_at',
  ] as const;
  type UserRow = {
    id: string;
    username: string;
    display_name: string;
    phone_enc: string | null;
    active: number;
    password_is_demo: number;
    created_at: string;
    updated_at: string;
  };

  function present(row: UserRow, assignments: AssignmentView[]): UserView {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      phone: vault.mask('phone', row.phone_enc),
      active: row.active === 1,
      passwordIsDemo: row.password_is_demo === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      assignments,
    };
  }

  async function getUser(userId: string): Promise<UserView> {
    const row = await db
      .selectFrom('app_user')
      .select(userColumns)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) throw notFound('not_found.user');
    const assignments = await loadAssignments(db, [row.id]);
    return present(row, assignments.get(row.id) ?? []);
  }

  async function updateUser(
    userId: string,
    patch: { displayName?: string; active?: boolean },
  ): Promise<UserView> {
    const displayName =
      patch.displayName === undefined ? undefined : checkDisplayName('displayName', patch.displayName);
    await db.transaction().execute(async (tx) => {
      const user = await tx
        .selectFrom('app_user')
        .select(['id', 'active'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw notFound('not_found.user');
      if (patch.active === false && user.active === 1) {
        const isAdmin = await tx
          .selectFrom('assignment')
          .select('id')
          .where('user_id', '=', userId)
          .where('role', '=', 'admin')
          .executeTakeFirst();
        if (isAdmin && !(await adminRemains(tx, { notUser: userId }))) {
          throw conflict('user.last_admin');
        }
      }
      await tx
        .updateTable('app_user')
        .set({
          ...(displayName === undefined ? {} : { display_name: displayName }),
          ...(patch.active === undefined ? {} : { active: patch.active ? 1 : 0 }),
          updated_at: now(),
        })
        .where('id', '=', userId)
        .execute();
      if (patch.active === false) await endSessions(tx, userId);
    });
    return getUser(userId);
  }

  async function insertUser(
    input: Omit<CreateUserInput, 'password'>,
    passwordHash: string,
    id = uuidv7(),
  ): Promise<string> {
    const at = now();
    const phoneIndex = input.phone ? vault.index('phone', input.phone) : null;
    const phoneTaken = () => conflict('user.phone_other_account', {}, { field: 'phone' });
    try {
      await db.transaction().execute(async (tx) => {
        const taken = await tx
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', input.username)
          .executeTakeFirst();
        if (taken) throw conflict('user.username_taken', { username: input.username }, { field: 'username' });
        if (phoneIndex !== null) {
          const owner = await tx
            .selectFrom('app_user')
            .select('id')
            .where('phone_bidx', '=', phoneIndex)
            .executeTakeFirst();
          if (owner) throw phoneTaken();
        }
        const checked = [];
        for (const [i, a] of input.assignments.entries()) {
          const one = await checkAssignment(tx, `assignments[${i}]`, a);
          const twin = checked.findIndex((c) => sameAssignment(c, one));
          if (twin >= 0)
            throw badRequest(`assignments[${i}]`, 'validation.duplicate_of', {
              other: `assignments[${twin}]`,
            });
          checked.push(one);
        }
        await tx
          .insertInto('app_user')
          .values({
            id,
            username: input.username,
            display_name: input.displayName,
            phone_enc: vault.seal(input.phone),
            phone_bidx: phoneIndex,
            password_hash: passwordHash,
            password_is_demo: 0,
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await tx
          .insertInto('assignment')
          .values(
            checked.map((a) => ({
              id: uuidv7(),
              user_id: id,
              role: a.role,
              area_id: a.areaId,
              department_id: a.departmentId,
              title: a.title,
              created_at: at,
            })),
          )
          .execute();
      });
    } catch (error) {
      // Two creates racing for one username or phone: the unique key decides, the loser gets a 409.
      if (isUniqueViolation(error)) {
        if (String(error).includes('phone_bidx')) throw phoneTaken();
        throw conflict('user.username_taken', { username: input.username }, { field: 'username' });
      }
      throw error;
    }
    return id;
  }

  return {
    async createUser(input) {
      const problem = usernameProblem(input.username);
      if (problem) throw badRequest('username', problem.key, problem.params);
      const displayName = checkDisplayName('displayName', input.displayName);
      const phone = input.phone?.trim() || null;
      checkPassword('password', input.password, { username: input.username, phone });
      if (phone !== null && !isPhoneNumber(phone)) {
        throw badRequest('phone', 'validation.phone');
      }
      if (input.assignments.length === 0) throw badRequest('assignments', 'user.assignments_required');
      // Hash before the transaction: argon2 takes ~75 ms and must not hold the write lock.
      const passwordHash = await hashPassword(input.password);
      const id = await insertUser({ ...input, displayName, phone }, passwordHash);
      return getUser(id);
    },

    async registerResident(input, address) {
      const phone = input.phone.trim();
      if (!MOBILE.test(phone)) throw badRequest('phone', 'validation.mobile');
      const displayName = checkDisplayName('displayName', input.displayName);
      checkPassword('password', input.password, { phone });
      const addressKey = address === undefined ? undefined : `signup-address:${address}`;
      if (addressKey !== undefined) {
        await throttle.check([{ key: addressKey, ...SIGNUP_PER_ADDRESS }]);
      }
      const grid = await db
        .selectFrom('area')
        .select('kind')
        .where('id', '=', input.gridId)
        .executeTakeFirst();
      if (!grid || !(GRID_KINDS as readonly string[]).includes(grid.kind)) {
        throw badRequest('gridId', 'ref.no_such_grid');
      }
      const passwordHash = await hashPassword(input.password);
      const id = uuidv7();
      try {
        await insertUser(
          {
            username: residentUsername(id),
            displayName,
            phone,
            assignments: [{ role: 'resident', areaId: input.gridId }],
          },
          passwordHash,
          id,
        );
        if (addressKey !== undefined) await throttle.record([addressKey]);
        return await getUser(id);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') {
          // Counted too: trying phone after phone must not tell who is registered at full speed.
          if (addressKey !== undefined) await throttle.record([addressKey]);
          throw conflict('user.phone_registered', {}, { field: 'phone' });
        }
        throw error;
      }
    },

    resetPassword: (username, password) => resetUserPassword(db, clock, username, password),

    async changeOwnPassword(userId, oldPassword, newPassword, keepToken) {
      const user = await db
        .selectFrom('app_user')
        .select(['password_hash', 'username', 'phone_enc'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw notFound('not_found.user');
      checkPassword('newPassword', newPassword, {
        username: user.username,
        phone: user.phone_enc === null ? null : vault.unseal(user.phone_enc),
      });
      if (!(await verifyPassword(user.password_hash, oldPassword))) {
        throw badRequest('oldPassword', 'auth.wrong_old_password');
      }
      if (oldPassword === newPassword) throw badRequest('newPassword', 'validation.must_differ');
      const passwordHash = await hashPassword(newPassword);
      // The session store keeps SHA-256 of the token (auth.ts); the current session survives.
      const keepHash = keepToken ? tokenHash(keepToken) : undefined;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('app_user')
          .set({ password_hash: passwordHash, password_is_demo: 0, updated_at: now() })
          .where('id', '=', userId)
          .execute();
        await endSessions(tx, userId, keepHash);
      });
    },

    setActive: (userId, active) => updateUser(userId, { active }),

    updateUser,

    async listUsers(filter) {
      let areaPath: string | undefined;
      if (filter.areaId !== undefined) {
        const area = await db
          .selectFrom('area')
          .select('path')
          .where('id', '=', filter.areaId)
          .executeTakeFirst();
        if (!area) throw badRequest('areaId', 'ref.no_such_area');
        areaPath = area.path;
      }
      if (filter.role !== undefined && !(ROLES as readonly string[]).includes(filter.role)) {
        throw badRequest('role', 'validation.enum', { allowed: ROLES });
      }
      const within = filter.withinPaths;
      if (within !== undefined && within.length === 0) return { items: [], total: 0 };
      const q = filter.q?.trim();
      // A whole phone number is looked up exactly through its blind index: phones are never in clear.
      const phoneIndex = q && isPhoneNumber(q) ? vault.index('phone', q) : undefined;

      const base = db
        .selectFrom('app_user')
        .$if(q !== undefined && q !== '', (qb) =>
          qb.where((eb) =>
            eb.or([
              containsIgnoringCase('app_user.username', q ?? ''),
              containsIgnoringCase('app_user.display_name', q ?? ''),
              ...(phoneIndex === undefined ? [] : [eb('app_user.phone_bidx', '=', phoneIndex)]),
            ]),
          ),
        )
        .$if(areaPath !== undefined || filter.role !== undefined || within !== undefined, (qb) =>
          // One assignment must satisfy every condition: "grid workers in this town", not
          // "a grid worker somewhere who also has something in this town".
          qb.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('assignment')
                .leftJoin('area', 'area.id', 'assignment.area_id')
                .select('assignment.id')
                .whereRef('assignment.user_id', '=', 'app_user.id')
                .$if(filter.role !== undefined, (sq) => sq.where('assignment.role', '=', filter.role ?? ''))
                .$if(areaPath !== undefined, (sq) => sq.where(startsWith('area.path', areaPath ?? '')))
                .$if(within !== undefined, (sq) =>
                  sq.where((eb) => eb.or((within ?? []).map((p) => startsWith('area.path', p)))),
                ),
            ),
          ),
        );

      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      const rows = await base
        .select([
          'app_user.id',
          'app_user.username',
          'app_user.display_name',
          'app_user.phone_enc',
          'app_user.active',
          'app_user.password_is_demo',
          'app_user.created_at',
          'app_user.updated_at',
        ])
        .orderBy('app_user.username')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const assignments = await loadAssignments(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => present(r, assignments.get(r.id) ?? [])),
        total: Number(totalRow?.n ?? 0),
      };
    },

    getUser,

    async addAssignment(userId, input) {
      const id = uuidv7();
      await db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
        if (!user) throw notFound('not_found.user');
        const one = await checkAssignment(tx, 'assignment', input);
        const existing = await tx
          .selectFrom('assignment')
          .select(['role', 'area_id', 'department_id'])
          .where('user_id', '=', userId)
          .execute();
        const twin = existing.some((e) =>
          sameAssignment({ role: e.role, areaId: e.area_id, departmentId: e.department_id }, one),
        );
        if (twin) throw conflict('user.role_exists');
        await tx
          .insertInto('assignment')
          .values({
            id,
            user_id: userId,
            role: one.role,
            area_id: one.areaId,
            department_id: one.departmentId,
            title: one.title,
            created_at: now(),
          })
          .execute();
        await tx.updateTable('app_user').set({ updated_at: now() }).where('id', '=', userId).execute();
      });
      const all = await loadAssignments(db, [userId]);
      const made = all.get(userId)?.find((a) => a.id === id);
      if (!made) throw notFound('not_found.assignment');
      return made;
    },

    async removeAssignment(userId, assignmentId) {
      await db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('assignment')
          .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
          .select(['assignment.id', 'assignment.role', 'app_user.active'])
          .where('assignment.id', '=', assignmentId)
          .where('assignment.user_id', '=', userId)
          .executeTakeFirst();
        if (!row) throw notFound('not_found.assignment');
        if (
          row.role === 'admin' &&
          row.active === 1 &&
          !(await adminRemains(tx, { notAssignment: assignmentId }))
        ) {
          throw conflict('user.last_admin');
        }
        await tx.deleteFrom('assignment').where('id', '=', assignmentId).execute();
        await tx.updateTable('app_user').set({ updated_at: now() }).where('id', '=', userId).execute();
      });
    },

    async areaPathsOf(userId) {
      const rows = await db
        .selectFrom('assignment')
        .innerJoin('area', 'area.id', 'assignment.area_id')
        .select('area.path')
        .where('assignment.user_id', '=', userId)
        .execute();
      return rows.map((r) => r.path);
    },

    revealPhone: (viewerId, userId) =>
      vault.reveal({ name: 'user.phone', id: userId }, { userId: viewerId }, 'account_admin'),
  };
}
