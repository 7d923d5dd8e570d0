/**
 * Row types of the areas module's tables, as Kysely sees them: the area tree (banner → town →
 * village → grid) and its households. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL `timestamptz` is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
export interface AreaTable {
  id: string;
  parent_id: string | null;
  kind: string;
  code: string;
  name_zh: string;
  name_en: string;
  name_mn: string | null;
  depth: number;
  /** Materialised path of ids, '/root/…/self/', so a subtree is `path LIKE '/…/id/%'`. */
  path: string;
  /** GeoJSON Polygon or MultiPolygon geometry, WGS-84. */
  polygon: string | null;
  created_at: string;
  updated_at: string;
}

export interface HouseholdTable {
  id: string;
  grid_id: string;
  address: string;
  lng: number;
  lat: number;
  members: number;
  created_at: string;
}

/** The tables the areas module owns; only its repository code queries them. */
export interface AreasTables {
  area: AreaTable;
  household: HouseholdTable;
}
