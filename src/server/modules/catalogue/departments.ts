/**
 * Functional departments (职能部门: police, civil affairs, urban management, emergency, market
 * supervision…) that cases are routed to at the banner centre (SPEC §3, §5 level 4).
 */
import type { Queryable as AnyQueryable } from '../../database.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { CATALOGUE_CODE } from './case-types.ts';
import { checkName, checkOptionalName } from './names.ts';
import type { CatalogueTables, DepartmentTable } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<CatalogueTables>;

export interface Department {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Traditional Mongolian (ᠮᠣᠩᠭᠣᠯ) name, when one is given (migration 0014_i18n_names). */
  nameMn: string | null;
  createdAt: string;
}

const present = (r: DepartmentTable): Department => ({
  id: r.id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  nameMn: r.name_mn,
  createdAt: r.created_at,
});

function checkCode(code: string): string {
  if (!CATALOGUE_CODE.test(code)) throw badRequest('code', 'validation.code_format');
  return code;
}

const taken = (code: string) => conflict('catalogue.department_code_taken', { code }, { field: 'code' });

/** Every department, by code. */
export async function listDepartments(q: Queryable): Promise<Department[]> {
  const rows = await q.selectFrom('department').selectAll().orderBy('code').execute();
  return rows.map(present);
}

/** One department by id, or undefined. */
export async function findDepartment(q: Queryable, id: string): Promise<Department | undefined> {
  const row = await q.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** Which of these ids are departments. */
export async function existingDepartmentIds(q: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom('department')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The names of each of these departments, by id (one query); unknown ids are absent. Any module may
 * call it with its own transaction.
 */
export async function departmentNames(
  anyQ: AnyQueryable,
  ids: readonly string[],
): Promise<Map<string, { zh: string; en: string; mn: string | null }>> {
  const q: Queryable = anyQ;
  if (ids.length === 0) return new Map();
  const rows = await q
    .selectFrom('department')
    .select(['id', 'name_zh', 'name_en', 'name_mn'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((d) => [d.id, { zh: d.name_zh, en: d.name_en, mn: d.name_mn }]));
}

/** One department by its code, or undefined. */
export async function findDepartmentByCode(q: Queryable, code: string): Promise<Department | undefined> {
  const row = await q.selectFrom('department').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? present(row) : undefined;
}

/** Adds a department; 409 when its code is taken. */
export async function createDepartment(
  q: Queryable,
  input: { code: string; nameZh: string; nameEn: string; nameMn?: string | null },
  now: string,
): Promise<Department> {
  const row = {
    id: uuidv7(),
    code: checkCode(input.code),
    name_zh: checkName('nameZh', input.nameZh),
    name_en: checkName('nameEn', input.nameEn),
    name_mn: checkOptionalName('nameMn', input.nameMn),
    created_at: now,
  };
  if (await findDepartmentByCode(q, row.code)) throw taken(row.code);
  try {
    await q.insertInto('department').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(row.code);
    throw error;
  }
  return present(row);
}

/**
 * Renames a department or changes its code; 404 for an unknown id, 409 for a taken code. A null or
 * blank `nameMn` clears the Mongolian name.
 */
export async function updateDepartment(
  q: Queryable,
  id: string,
  patch: { code?: string; nameZh?: string; nameEn?: string; nameMn?: string | null },
): Promise<Department> {
  const current = await findDepartment(q, id);
  if (!current) throw notFound('not_found.department');
  const set = {
    ...(patch.code === undefined ? {} : { code: checkCode(patch.code) }),
    ...(patch.nameZh === undefined ? {} : { name_zh: checkName('nameZh', patch.nameZh) }),
    ...(patch.nameEn === undefined ? {} : { name_en: checkName('nameEn', patch.nameEn) }),
    ...(patch.nameMn === undefined ? {} : { name_mn: checkOptionalName('nameMn', patch.nameMn) }),
  };
  if (set.code !== undefined && set.code !== current.code) {
    const other = await findDepartmentByCode(q, set.code);
    if (other) throw taken(set.code);
  }
  if (Object.keys(set).length > 0) {
    try {
      await q.updateTable('department').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error) && set.code !== undefined) throw taken(set.code);
      throw error;
    }
  }
  return (await findDepartment(q, id)) ?? current;
}
