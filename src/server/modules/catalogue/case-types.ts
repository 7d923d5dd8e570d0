/**
 * The case-type catalogue (案件类型, SPEC §4 step 2): one editable list every case is classified by,
 * each type with a default preliminary difficulty (SPEC §7 tiers).
 */
import type { Difficulty } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { checkName, checkOptionalName } from './names.ts';
import type { CaseTypeTable, CatalogueTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<CatalogueTables>;

/** Codes of case types and departments: a lowercase letter, then 1–39 of `a-z 0-9 _`. */
export const CATALOGUE_CODE = /^[a-z][a-z0-9_]{1,39}$/;

/** Difficulties a type may start with; 积案 long-pending is earned by age, never a default. */
export const DEFAULT_DIFFICULTIES = [
  'simple',
  'general',
  'difficult',
] as const satisfies readonly Difficulty[];
export type DefaultDifficulty = (typeof DEFAULT_DIFFICULTIES)[number];

export interface CaseType {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Traditional Mongolian (ᠮᠣᠩᠭᠣᠯ) name, when one is given. */
  nameMn: string | null;
  defaultDifficulty: DefaultDifficulty;
  active: boolean;
  sort: number;
}

const defaultType = (
  sort: number,
  code: string,
  nameZh: string,
  nameEn: string,
  nameMn: string,
  defaultDifficulty: DefaultDifficulty,
): CaseType => ({ code, nameZh, nameEn, nameMn, defaultDifficulty, active: true, sort });

/**
 * The catalogue a new installation starts with (Wushen Banner's common dispute types). The
 * Mongolian names are a non-native draft, to be reviewed by a native speaker.
 */
export const DEFAULT_CASE_TYPES: readonly CaseType[] = [
  defaultType(10, 'neighbour', '邻里纠纷', 'Neighbour dispute', 'ᠬᠥᠷᠰᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ', 'simple'),
  defaultType(
    20,
    'land_grassland',
    '土地草牧场纠纷',
    'Land and grassland dispute',
    'ᠭᠠᠵᠠᠷ ᠪᠡᠯᠴᠢᠭᠡᠷ ᠦᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
    'difficult',
  ),
  defaultType(
    30,
    'labour_wages',
    '劳资纠纷',
    'Labour and wage dispute',
    'ᠬᠥᠳᠡᠯᠮᠥᠷᠢ ᠴᠠᠯᠢᠩ ᠤᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
    'general',
  ),
  defaultType(
    40,
    'marriage_family',
    '婚姻家庭纠纷',
    'Marriage and family dispute',
    'ᠭᠡᠷᠯᠡᠯᠲᠡ ᠭᠡᠷ ᠪᠦᠯᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
    'general',
  ),
  defaultType(
    50,
    'property',
    '物业纠纷',
    'Property management dispute',
    'ᠣᠷᠣᠨ ᠰᠠᠭᠤᠴᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ ᠦ ᠮᠠᠷᠭᠠᠭᠠᠨ',
    'general',
  ),
  defaultType(
    60,
    'environment',
    '环境污染',
    'Environmental pollution',
    'ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ ᠤ ᠪᠣᠬᠢᠷᠳᠠᠯ',
    'general',
  ),
  defaultType(
    70,
    'public_security',
    '治安隐患',
    'Public security hazard',
    'ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠠᠮᠤᠷ ᠲᠦᠪᠰᠢᠨ ᠦ ᠨᠢᠭᠤᠴᠠ ᠠᠶᠤᠯ',
    'general',
  ),
  defaultType(80, 'infrastructure', '基础设施', 'Infrastructure', 'ᠰᠠᠭᠤᠷᠢ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ', 'simple'),
  defaultType(90, 'petition', '信访诉求', 'Petition', 'ᠪᠢᠴᠢᠭ ᠵᠠᠬᠢᠳᠠᠯ ᠤᠨ ᠭᠣᠮᠳᠠᠯ', 'difficult'),
  defaultType(100, 'other', '其他', 'Other', 'ᠪᠤᠰᠤᠳ', 'simple'),
];

const present = (r: CaseTypeTable): CaseType => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  nameMn: r.name_mn,
  defaultDifficulty: r.default_difficulty as DefaultDifficulty,
  active: r.active === 1,
  sort: r.sort,
});

/**
 * Inserts the default catalogue when the table is empty; returns how many types it inserted.
 * Idempotent, and safe when two nodes start at once (a code already there is left alone).
 */
export async function seedCatalogueDefaults(q: Queryable): Promise<number> {
  const existing = await q
    .selectFrom('case_type')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  if (Number(existing?.n ?? 0) > 0) return 0;
  const result = await q
    .insertInto('case_type')
    .values(
      DEFAULT_CASE_TYPES.map((t) => ({
        code: t.code,
        name_zh: t.nameZh,
        name_en: t.nameEn,
        name_mn: t.nameMn,
        default_difficulty: t.defaultDifficulty,
        active: 1,
        sort: t.sort,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The catalogue in display order; inactive types only when asked. */
export async function listCaseTypes(
  q: Queryable,
  options: { includeInactive: boolean },
): Promise<CaseType[]> {
  const rows = await q
    .selectFrom('case_type')
    .selectAll()
    .$if(!options.includeInactive, (qb) => qb.where('active', '=', 1))
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map(present);
}

/** One case type, or undefined. */
export async function findCaseType(q: Queryable, code: string): Promise<CaseType | undefined> {
  const row = await q.selectFrom('case_type').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? present(row) : undefined;
}

/**
 * The Chinese name of each of these case types, by code (one query); unknown codes are absent. Any
 * module may call it with its own transaction.
 */
export async function caseTypeNames(
  anyQ: AnyQueryable,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const q: Queryable = anyQ;
  if (codes.length === 0) return new Map();
  const rows = await q
    .selectFrom('case_type')
    .select(['code', 'name_zh'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((t) => [t.code, t.name_zh]));
}

function checkDifficulty(value: string): DefaultDifficulty {
  if (!(DEFAULT_DIFFICULTIES as readonly string[]).includes(value)) {
    throw badRequest('defaultDifficulty', 'validation.enum', { allowed: DEFAULT_DIFFICULTIES });
  }
  return value as DefaultDifficulty;
}

function checkSort(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw badRequest('sort', 'validation.range', { min: 0, max: 1000000 });
  }
  return value;
}

export interface NewCaseType {
  code: string;
  nameZh: string;
  nameEn: string;
  nameMn?: string | null;
  defaultDifficulty: string;
  active?: boolean;
  /** Position in lists; defaults to after the last type. */
  sort?: number;
}

/** Adds a type to the catalogue; 409 when the code is taken. */
export async function createCaseType(q: Queryable, input: NewCaseType): Promise<CaseType> {
  if (!CATALOGUE_CODE.test(input.code)) {
    throw badRequest('code', 'validation.code_format');
  }
  const row = {
    code: input.code,
    name_zh: checkName('nameZh', input.nameZh),
    name_en: checkName('nameEn', input.nameEn),
    name_mn: checkOptionalName('nameMn', input.nameMn),
    default_difficulty: checkDifficulty(input.defaultDifficulty),
    active: input.active === false ? 0 : 1,
    sort: 0,
  };
  if (input.sort !== undefined) row.sort = checkSort(input.sort);
  else {
    const last = await q
      .selectFrom('case_type')
      .select((eb) => eb.fn.max('sort').as('m'))
      .executeTakeFirst();
    row.sort = Number(last?.m ?? 0) + 10;
  }
  if (await findCaseType(q, input.code))
    throw conflict('catalogue.case_type_exists', { code: input.code }, { field: 'code' });
  try {
    await q.insertInto('case_type').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('catalogue.case_type_exists', { code: input.code }, { field: 'code' });
    throw error;
  }
  return present(row);
}

export interface CaseTypePatch {
  nameZh?: string;
  nameEn?: string;
  /** null (or blank) clears the Mongolian name. */
  nameMn?: string | null;
  defaultDifficulty?: string;
  active?: boolean;
  sort?: number;
}

/** Edits a type's names, default difficulty, active flag or position; 404 for an unknown code. */
export async function updateCaseType(q: Queryable, code: string, patch: CaseTypePatch): Promise<CaseType> {
  const set = {
    ...(patch.nameZh === undefined ? {} : { name_zh: checkName('nameZh', patch.nameZh) }),
    ...(patch.nameEn === undefined ? {} : { name_en: checkName('nameEn', patch.nameEn) }),
    ...(patch.nameMn === undefined ? {} : { name_mn: checkOptionalName('nameMn', patch.nameMn) }),
    ...(patch.defaultDifficulty === undefined
      ? {}
      : { default_difficulty: checkDifficulty(patch.defaultDifficulty) }),
    ...(patch.active === undefined ? {} : { active: patch.active ? 1 : 0 }),
    ...(patch.sort === undefined ? {} : { sort: checkSort(patch.sort) }),
  };
  if (Object.keys(set).length > 0) {
    await q.updateTable('case_type').set(set).where('code', '=', code).execute();
  }
  const updated = await findCaseType(q, code);
  if (!updated) throw notFound('not_found.case_type', { code });
  return updated;
}
