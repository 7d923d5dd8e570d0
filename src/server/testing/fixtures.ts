/**
 * Rows a test needs before it starts — areas (区域), departments (部门), users with their assignments
 * (任职) — a signed-in session over HTTP, and rectangles for polygons. Each helper writes what the
 * production code would and returns what tests go on to use; a test names only what it cares about.
 */
import { expect } from 'vitest';
import type { Role } from '../../shared/domain.ts';
import type { Queryable } from '../database.ts';
import type { AreaGeometry, Polygon } from '../modules/areas/geometry.ts';
import { insertArea as insertAreaRow } from '../modules/areas/repository.ts';
import { quadPolygon, rect } from '../modules/demo/shapes.ts';
import { hashPassword } from '../modules/people/passwords.ts';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { uuidv7 } from '../platform/ids.ts';

/** The password of fixture users unless a test gives another. */
export const TEST_PASSWORD = 'correct horse battery';

let passwordHash: Promise<string> | undefined;

/** The argon2id hash of TEST_PASSWORD, computed once per test file (argon2 is slow on purpose). */
export function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

/** An axis-aligned rectangle as a closed GeoJSON polygon: west, south, east, north in degrees. */
export function box(west: number, south: number, east: number, north: number): Polygon {
  return quadPolygon(rect(west, south, east, north));
}

export interface AreaFixture {
  kind: string;
  code: string;
  /** The parent area's id; none for a root. */
  parentId?: string | null;
  nameZh?: string;
  nameEn?: string;
  polygon?: AreaGeometry | null;
  /** created_at and updated_at; now by default. */
  at?: string;
}

/**
 * Inserts an area below its parent straight into the table (no service, no checks beyond the parent
 * existing), with `path` and `depth` derived as production derives them. Names default to the code.
 */
export async function insertArea(db: Queryable, area: AreaFixture): Promise<{ id: string; path: string }> {
  const row = await insertAreaRow(db, {
    id: uuidv7(),
    parentId: area.parentId ?? null,
    kind: area.kind,
    code: area.code,
    nameZh: area.nameZh ?? `区域${area.code}`,
    nameEn: area.nameEn ?? `Area ${area.code}`,
    nameMn: null,
    polygon: area.polygon ? JSON.stringify(area.polygon) : null,
    now: area.at ?? new Date().toISOString(),
  });
  return { id: row.id, path: row.path };
}

/** One area of a tree fixture: a key naming it, its kind, and its parent's key (none for the root). */
export interface AreaTreeNode {
  key: string;
  kind: string;
  parent?: string;
}

/**
 * A small tree for permission tests: banner → town → village → grid, and banner → town2 → grid2,
 * a grid outside the first town's subtree.
 */
export const TWO_TOWN_TREE: readonly AreaTreeNode[] = [
  { key: 'banner', kind: 'banner' },
  { key: 'town', kind: 'town', parent: 'banner' },
  { key: 'village', kind: 'village', parent: 'town' },
  { key: 'grid', kind: 'unit_grid', parent: 'village' },
  { key: 'town2', kind: 'town', parent: 'banner' },
  { key: 'grid2', kind: 'unit_grid', parent: 'town2' },
];

/**
 * Inserts a tree, parents listed before children, each area coded `{codePrefix}{key}` and named
 * 区域{key} / Area {key}; returns the areas by key.
 */
export async function insertAreaTree(
  db: Queryable,
  tree: readonly AreaTreeNode[],
  options: { codePrefix: string; at?: string },
): Promise<Record<string, { id: string; path: string }>> {
  const byKey: Record<string, { id: string; path: string }> = {};
  for (const node of tree) {
    const parent = node.parent === undefined ? undefined : byKey[node.parent];
    if (node.parent !== undefined && !parent)
      throw new Error(`area ${node.key}: parent ${node.parent} comes later`);
    byKey[node.key] = await insertArea(db, {
      parentId: parent?.id ?? null,
      kind: node.kind,
      code: `${options.codePrefix}${node.key}`,
      nameZh: `区域${node.key}`,
      nameEn: `Area ${node.key}`,
      ...(options.at ? { at: options.at } : {}),
    });
  }
  return byKey;
}

export interface DepartmentFixture {
  code: string;
  nameZh: string;
  nameEn: string;
  /** created_at; now by default. */
  at?: string;
}

/** Inserts a functional department (职能部门); returns its id. */
export async function insertDepartment(db: Queryable, department: DepartmentFixture): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('department')
    .values({
      id,
      code: department.code,
      name_zh: department.nameZh,
      name_en: department.nameEn,
      created_at: department.at ?? new Date().toISOString(),
    })
    .execute();
  return id;
}

/** One role held by a fixture user, in an area or a department or neither. */
export interface AssignmentFixture {
  role: Role;
  areaId?: string | null;
  departmentId?: string | null;
  title?: string | null;
}

export interface UserFixture {
  username: string;
  /** Defaults to the username. */
  displayName?: string;
  /** Usually `await testPasswordHash()`. */
  passwordHash: string;
  assignments?: AssignmentFixture[];
  /** created_at and updated_at; now by default. */
  at?: string;
}

/** Inserts an active, non-demo user with their assignments; returns the user's id. */
export async function insertUser(db: Queryable, user: UserFixture): Promise<string> {
  const id = uuidv7();
  const at = user.at ?? new Date().toISOString();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: user.username,
      display_name: user.displayName ?? user.username,
      phone_enc: null,
      password_hash: user.passwordHash,
      password_is_demo: 0,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const a of user.assignments ?? []) {
    await db
      .insertInto('assignment')
      .values({
        id: uuidv7(),
        user_id: id,
        role: a.role,
        area_id: a.areaId ?? null,
        department_id: a.departmentId ?? null,
        title: a.title ?? null,
        created_at: at,
      })
      .execute();
  }
  return id;
}

/** The AppError a promise rejects with; anything else it rejects with is rethrown. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** The header that carries a session token (登录令牌). */
export interface AuthHeader extends Record<string, string> {
  authorization: string;
}

/** Signs in through POST /api/v1/auth/login, expecting a 200 (its body is the failure message). */
export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<AuthHeader> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token}` };
}
