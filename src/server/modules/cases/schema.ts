/**
 * Row types of the cases module's tables, as Kysely sees them: case files, their parties,
 * supervision orders, requests, notifications and the daily case-number counter. Timestamps are
 * ISO-8601 UTC strings on both dialects (PostgreSQL `timestamptz` is parsed back to ISO), booleans
 * are 0/1, JSON is canonical text.
 */
export interface CaseFileTable {
  id: string;
  case_no: string;
  title: string;
  description: string;
  case_type: string | null;
  source: string;
  reporter_id: string | null;
  anonymous: number;
  contact_phone_enc: string | null;
  lng: number;
  lat: number;
  grid_id: string;
  level: number;
  handling_area_id: string;
  status: string;
  suspended_from: string | null;
  suspended_at: string | null;
  difficulty: string | null;
  final_difficulty: string | null;
  dispatcher_id: string | null;
  /** The deadline the dispatcher set for handling (一键派单 with a deadline); rules apply when null. */
  assigned_due_at: string | null;
  /** The loop step whose clock runs now (see deadlines), and a counter that changes with each new step. */
  step: string | null;
  step_seq: number;
  step_started_at: string | null;
  step_due_at: string | null;
  supervised: number;
  overdue: number;
  rework_count: number;
  extension_count: number;
  sent_back_count: number;
  satisfaction: string | null;
  result: string | null;
  merged_into: string | null;
  resolved_level: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  version: number;
}

export interface CasePartyTable {
  id: string;
  case_id: string;
  user_id: string | null;
  department_id: string | null;
  /** 'handler' (lead), 'joint' (level-5 joint handling) or 'collaborator' (linkage). */
  kind: string;
  level: number;
  active: number;
  created_at: string;
  /** When this handler (or department) accepted its part; null until then. */
  accepted_at: string | null;
  /** When it reported the result of its part (反馈), and the result; null until then or after rework. */
  reported_at: string | null;
  result: string | null;
}

export interface SupervisionOrderTable {
  id: string;
  case_id: string;
  inspector_id: string;
  reason: string;
  due_at: string;
  status: string; // 'open' | 'closed'
  created_at: string;
  closed_at: string | null;
}

export interface CaseRequestTable {
  id: string;
  case_id: string;
  kind: string; // 'extension' | 'void'
  requested_by: string;
  reason: string;
  /** Extension: extra working hours asked for. */
  amount: number | null;
  status: string; // 'pending' | 'approved' | 'refused'
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  case_id: string;
  kind: string; // 'reminder' | 'supervision' | 'overdue' | 'sent_back' | 'deadline_near' | 'assigned'
  /** The message in Chinese as it was when sent (before 0005: the only record of it). */
  message: string;
  /** Catalogue key and JSON params of the message (0005); legacy rows: 'notice.text'. */
  message_key: string | null;
  message_params: string | null;
  created_at: string;
  read_at: string | null;
}

/** The last case number given out on each day (see cases/service.ts `nextCaseNumber`). */
export interface CaseCounterTable {
  day: string;
  n: number;
}

/** The tables the cases module owns; only its repository code queries them. */
export interface CasesTables {
  case_file: CaseFileTable;
  case_party: CasePartyTable;
  supervision_order: SupervisionOrderTable;
  case_request: CaseRequestTable;
  notification: NotificationTable;
  case_counter: CaseCounterTable;
}
