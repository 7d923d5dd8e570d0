/**
 * The routing table of the banner centre (分流分调, SPEC §5 level 4; SPEC §4 step 3): case type × area
 * → department(s). The most specific area wins: a rule for the case's town beats one for the whole
 * banner, and any area rule beats the area-less (banner-wide default) rules.
 */
import type { Db, Queryable } from '../../database.ts';
import { badRequest } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { areaPlaces } from '../areas/reads.ts';

export interface RoutingRule {
  id: string;
  caseType: string;
  departmentId: string;
  /** Restrict the rule to cases inside this area's subtree; null = everywhere. */
  areaId: string | null;
}

export interface RoutingRuleInput {
  caseType: string;
  departmentId: string;
  areaId?: string | null;
}

/** A rule as routing sees it: where it applies (materialised path, or null for everywhere). */
export interface RouteCandidate {
  departmentId: string;
  areaPath: string | null;
}

/** Most rules an administrator may put in the table at once. */
export const MAX_ROUTING_RULES = 5000;

/**
 * Pure: the departments for a case at `gridPath`, given the rules of its type. Rules whose area
 * contains the grid win over area-less ones; among those, the deepest area wins. Sorted, unique.
 */
export function selectRoutes(candidates: readonly RouteCandidate[], gridPath: string): string[] {
  const matching = candidates.filter((c) => c.areaPath !== null && gridPath.startsWith(c.areaPath));
  let chosen: readonly RouteCandidate[];
  if (matching.length > 0) {
    const depth = Math.max(...matching.map((c) => (c.areaPath ?? '').length));
    chosen = matching.filter((c) => (c.areaPath ?? '').length === depth);
  } else {
    chosen = candidates.filter((c) => c.areaPath === null);
  }
  return [...new Set(chosen.map((c) => c.departmentId))].sort();
}

/** The department ids for a case of `caseType` located in the grid at `gridPath`; [] when no rule matches. */
export async function routeCase(q: Queryable, caseType: string, gridPath: string): Promise<string[]> {
  const rows = await q
    .selectFrom('routing_rule')
    .select(['department_id', 'area_id'])
    .where('case_type', '=', caseType)
    .execute();
  const places = await areaPlaces(
    q,
    rows.flatMap((r) => (r.area_id ? [r.area_id] : [])),
  );
  return selectRoutes(
    // A rule whose area has vanished matches nothing rather than everything.
    rows.map((r) => ({
      departmentId: r.department_id,
      areaPath: r.area_id === null ? null : (places.get(r.area_id)?.path ?? '\0'),
    })),
    gridPath,
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The whole table: by case type, the area-less (everywhere) rule first, then by area and department. */
export async function listRoutingRules(q: Queryable): Promise<RoutingRule[]> {
  const rows = await q.selectFrom('routing_rule').selectAll().execute();
  // Sorted here: SQLite and PostgreSQL disagree on where NULL sorts.
  const text = (v: string | null) => v ?? '';
  return rows
    .map((r) => ({ id: r.id, caseType: r.case_type, departmentId: r.department_id, areaId: r.area_id }))
    .sort(
      (a, b) =>
        compare(a.caseType, b.caseType) ||
        Number(a.areaId !== null) - Number(b.areaId !== null) ||
        compare(text(a.areaId), text(b.areaId)) ||
        compare(a.departmentId, b.departmentId),
    );
}

/** Ids that exist among `wanted`, looked up in chunks (SQLite caps bound parameters). */
async function existing(
  q: Queryable,
  table: 'case_type' | 'department',
  wanted: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(wanted)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    if (table === 'case_type') {
      const rows = await q.selectFrom('case_type').select('code').where('code', 'in', chunk).execute();
      for (const r of rows) found.add(r.code);
    } else {
      const rows = await q.selectFrom(table).select('id').where('id', 'in', chunk).execute();
      for (const r of rows) found.add(r.id);
    }
  }
  return found;
}

/**
 * Replaces the whole routing table in one transaction. Every row is checked first; the first bad
 * one is named (`rules[3].departmentId: no such department`) and nothing changes.
 */
export async function replaceRoutingRules(
  db: Db,
  rules: readonly RoutingRuleInput[],
): Promise<RoutingRule[]> {
  if (rules.length > MAX_ROUTING_RULES)
    throw badRequest('rules', 'validation.max_items', { limit: MAX_ROUTING_RULES });
  return db.transaction().execute(async (tx) => {
    const types = await existing(
      tx,
      'case_type',
      rules.map((r) => r.caseType),
    );
    const departments = await existing(
      tx,
      'department',
      rules.map((r) => r.departmentId),
    );
    const areas = await areaPlaces(
      tx,
      rules.flatMap((r) => (r.areaId ? [r.areaId] : [])),
    );
    const seen = new Map<string, number>();
    const rows = rules.map((r, i) => {
      if (!types.has(r.caseType)) throw badRequest(`rules[${i}].caseType`, 'ref.no_such_case_type');
      if (!departments.has(r.departmentId))
        throw badRequest(`rules[${i}].departmentId`, 'ref.no_such_department');
      const areaId = r.areaId || null;
      if (areaId !== null && !areas.has(areaId)) throw badRequest(`rules[${i}].areaId`, 'ref.no_such_area');
      const key = `${r.caseType}\n${r.departmentId}\n${areaId ?? ''}`;
      const twin = seen.get(key);
      if (twin !== undefined)
        throw badRequest(`rules[${i}]`, 'validation.duplicate_of', { other: `rules[${twin}]` });
      seen.set(key, i);
      return { id: uuidv7(), case_type: r.caseType, department_id: r.departmentId, area_id: areaId };
    });
    await tx.deleteFrom('routing_rule').execute();
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insertInto('routing_rule')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    return listRoutingRules(tx);
  });
}
