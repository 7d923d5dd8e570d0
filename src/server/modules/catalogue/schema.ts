/**
 * Row types of the catalogue module's tables, as Kysely sees them: departments, case types and the
 * routing table. Timestamps are ISO-8601 UTC strings on both dialects (PostgreSQL `timestamptz` is
 * parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
export interface DepartmentTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  /** Traditional Mongolian name (migration 0014_i18n_names). */
  name_mn: string | null;
  created_at: string;
}

export interface CaseTypeTable {
  code: string;
  name_zh: string;
  name_en: string;
  /** Traditional Mongolian name (migration 0009_case_type_name_mn). */
  name_mn: string | null;
  default_difficulty: string;
  active: number;
  sort: number;
}

export interface RoutingRuleTable {
  id: string;
  case_type: string;
  department_id: string;
  /** Restrict the rule to cases in this area's subtree; null = everywhere. */
  area_id: string | null;
}

/** The tables the catalogue module owns; only its repository code queries them. */
export interface CatalogueTables {
  department: DepartmentTable;
  case_type: CaseTypeTable;
  routing_rule: RoutingRuleTable;
}
