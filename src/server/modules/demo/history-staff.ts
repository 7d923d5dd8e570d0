/**
 * The people the demo's year of history needs beyond the named demo accounts: a grid team for every
 * level-3 grid, an operator, a guide and a handler for every gacha and town, a resident per town and
 * a handler per department — each created only where no demo account already holds the role. They
 * share the demo password (and are marked as demo accounts like the others).
 */
import type { Role } from '../../../shared/domain.ts';
import type { Db } from '../../database.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type Actor, loadActor } from '../people/actor.ts';

/** One area of the tree as the history sees it. */
export interface HistoryArea {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  nameZh: string;
  path: string;
}

/** Who plays which part, by area id (or department id). */
export interface HistoryStaff {
  areas: Map<string, HistoryArea>;
  /** The first user holding `role` exactly at the area. */
  at(role: Role, areaId: string): Actor;
  /** A department's handler. */
  department(departmentId: string): Actor;
  /** A resident of the town. */
  resident(townId: string): Actor;
  departmentIds: Map<string, string>;
}

const ROLE_WORDS: Partial<Record<Role, string>> = {
  grid_chief: '网格长',
  grid_worker: '网格员',
  grid_guide: '网格指导员',
  centre_operator: '综治中心受理员',
  social_force: '五老',
  department_handler: '司法所',
  resident: '居民',
};

/** Roles needed at each kind of area (the handling areas of levels 1–3, SPEC §5). */
const NEEDED: Record<string, Role[]> = {
  unit_grid: ['grid_chief', 'grid_worker', 'grid_guide'],
  community_grid: ['grid_chief', 'grid_worker', 'grid_guide'],
  enterprise_grid: ['grid_chief', 'grid_worker', 'grid_guide'],
  village: ['centre_operator', 'grid_guide', 'social_force'],
  town: ['centre_operator', 'grid_guide', 'department_handler', 'resident'],
};

/** Creates the missing history staff and returns the directory of actors. */
export async function ensureHistoryStaff(db: Db, passwordHash: string, at: string): Promise<HistoryStaff> {
  const areaRows = await db
    .selectFrom('area')
    .select(['id', 'parent_id', 'kind', 'code', 'name_zh', 'path'])
    .orderBy('code')
    .execute();
  const areas = new Map<string, HistoryArea>(
    areaRows.map((a) => [
      a.id,
      { id: a.id, parentId: a.parent_id, kind: a.kind, code: a.code, nameZh: a.name_zh, path: a.path },
    ]),
  );
  const departments = await db
    .selectFrom('department')
    .select(['id', 'code', 'name_zh'])
    .orderBy('code')
    .execute();
  const departmentIds = new Map(departments.map((d) => [d.code, d.id]));
  const justice = departmentIds.get('justice') ?? null;
  const existing = await db
    .selectFrom('assignment')
    .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
    .select(['assignment.user_id', 'assignment.role', 'assignment.area_id', 'assignment.department_id'])
    .orderBy('app_user.username')
    .execute();
  const key = (role: string, place: string | null) => `${role}@${place}`;
  const holders = new Map<string, string>();
  for (const a of existing) {
    const bannerWide = a.area_id === null || areas.get(a.area_id)?.kind === 'banner';
    const place = a.role === 'department_handler' && bannerWide ? a.department_id : a.area_id;
    if (!holders.has(key(a.role, place))) holders.set(key(a.role, place), a.user_id);
  }

  const users: { id: string; username: string; display_name: string }[] = [];
  const assignments: { user_id: string; role: Role; area_id: string | null; department_id: string | null }[] =
    [];
  const add = (
    role: Role,
    place: string,
    areaId: string | null,
    departmentId: string | null,
    name: string,
    tag: string,
  ) => {
    if (holders.has(key(role, place))) return;
    const id = uuidv7();
    users.push({ id, username: `h.${tag}.${role}`, display_name: name });
    assignments.push({ user_id: id, role, area_id: areaId, department_id: departmentId });
    holders.set(key(role, place), id);
  };
  for (const area of areas.values()) {
    for (const role of NEEDED[area.kind] ?? []) {
      const departmentId = role === 'department_handler' ? justice : null;
      const name = `${area.nameZh}${role === 'department_handler' ? '司法所' : (ROLE_WORDS[role] ?? role)}`;
      add(role, area.id, area.id, departmentId, name, area.code);
    }
  }
  // Banner-wide department handlers (level 4 and 5), placed by department.
  for (const d of departments) add('department_handler', d.id, null, d.id, `${d.name_zh}经办人`, d.code);

  if (users.length > 0) {
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < users.length; i += 300) {
        await tx
          .insertInto('app_user')
          .values(
            users.slice(i, i + 300).map((u) => ({
              ...u,
              phone_enc: null,
              password_hash: passwordHash,
              password_is_demo: 1,
              active: 1,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
      for (let i = 0; i < assignments.length; i += 300) {
        await tx
          .insertInto('assignment')
          .values(
            assignments.slice(i, i + 300).map((a) => ({ ...a, id: uuidv7(), title: null, created_at: at })),
          )
          .execute();
      }
    });
  }

  const actors = new Map<string, Actor>();
  for (const userId of new Set(holders.values())) {
    const actor = await loadActor(db, userId);
    if (actor) actors.set(userId, actor);
  }
  const get = (role: Role, place: string): Actor => {
    const userId = holders.get(key(role, place));
    const actor = userId ? actors.get(userId) : undefined;
    if (!actor) throw new Error(`demo history: nobody is ${role} at ${place}`);
    return actor;
  };
  return {
    areas,
    departmentIds,
    at: get,
    department: (departmentId) => get('department_handler', departmentId),
    resident: (townId) => get('resident', townId),
  };
}

/** The level-3 grid that handles a case of this grid at level 1 (a micro-grid's parent). */
export function levelThreeGrid(staff: HistoryStaff, gridId: string): string {
  const grid = staff.areas.get(gridId);
  return grid?.kind === 'micro_grid' && grid.parentId ? grid.parentId : gridId;
}
