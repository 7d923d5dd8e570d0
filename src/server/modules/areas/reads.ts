/**
 * What other modules may read of the area tree inside their own transaction (a command that must see
 * one consistent database). The SQL stays in this module's repository; callers get plain values.
 */
import type { Queryable } from '../../database.ts';
import { findAreaPath, findAreaPlaces, isRootCode } from './repository.ts';

/** An area's id and materialised path, or undefined when there is no such area. */
export function areaPath(q: Queryable, id: string): Promise<{ id: string; path: string } | undefined> {
  return findAreaPath(q, id);
}

/** True when `code` is the code of a root area (the jurisdiction: the banner or county). */
export function isJurisdictionCode(q: Queryable, code: string): Promise<boolean> {
  return isRootCode(q, code);
}

/** Where each of these areas sits in the tree (kind, path, depth), by id; unknown ids are absent. */
export async function areaPlaces(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, { kind: string; path: string; depth: number }>> {
  const unique = [...new Set(ids)];
  return new Map((await findAreaPlaces(q, unique)).map((a) => [a.id, a]));
}
