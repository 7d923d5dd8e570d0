/**
 * Row types of the deadlines module's tables, as Kysely sees them: deadline rules and the working-
 * day calendar. Timestamps are ISO-8601 UTC strings on both dialects (PostgreSQL `timestamptz` is
 * parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
export interface DeadlineRuleTable {
  id: string;
  /** Loop step the limit applies to: register, dispatch, accept, handle, verify, visit. */
  step: string;
  /** Handling level 1–5, or null for any level. */
  level: number | null;
  /** Case type code, or null for any type. */
  case_type: string | null;
  amount: number;
  unit: string; // 'workday' | 'workhour'
}

export interface CalendarDayTable {
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  day: string;
  kind: string; // 'holiday' | 'workday' (make-up workday 调休上班)
  name: string;
}

/** The tables the deadlines module owns; only its repository code queries them. */
export interface DeadlinesTables {
  deadline_rule: DeadlineRuleTable;
  calendar_day: CalendarDayTable;
}
