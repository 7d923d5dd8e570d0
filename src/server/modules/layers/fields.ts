/**
 * Which attribute or column holds a grid's id, name, geometry or vertex coordinates (字段映射): the
 * one the request names, else the first of the common header variants departments use.
 */
import type { AttributeValue } from './feature.ts';

/** Roles an attribute/column can play in an import. */
export type FieldRole = 'id' | 'name' | 'geometry' | 'lng' | 'lat' | 'order';

/** Common header variants, compared ignoring case and surrounding spaces. */
export const DEFAULT_FIELD_NAMES: Record<FieldRole, readonly string[]> = {
  id: ['网格编码', '网格编号', '网格代码', '编码', '编号', '代码', 'ID', 'CODE', 'GRID_ID', 'GRIDCODE', 'BM'],
  name: ['网格名称', '名称', '网格名', 'NAME', 'GRID_NAME', 'MC'],
  geometry: ['WKT', '几何', '边界', '范围', 'GEOMETRY', 'GEOM', 'SHAPE'],
  lng: ['经度', 'LNG', 'LON', 'LONGITUDE', 'X'],
  lat: ['纬度', 'LAT', 'LATITUDE', 'Y'],
  order: ['序号', '顺序', '点序', 'ORDER', 'SEQ'],
};

/** Field names the request gave, by role. */
export type FieldChoice = Partial<Record<FieldRole, string>>;

const normal = (s: string) => s.trim().toUpperCase();

/** The header among `available` that plays `role`, or undefined. */
export function pickField(
  available: readonly string[],
  role: FieldRole,
  chosen: FieldChoice,
): string | undefined {
  const wanted = chosen[role] !== undefined ? [chosen[role]] : DEFAULT_FIELD_NAMES[role];
  for (const name of wanted) {
    const hit = available.find((a) => normal(a) === normal(name));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** An attribute value as text (ids and names), or undefined when empty. */
export function textOf(value: AttributeValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}
