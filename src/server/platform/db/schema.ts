/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC strings on both
 * dialects (PostgreSQL `timestamptz` is parsed back to ISO by the pg type parser in database.ts);
 * booleans are 0/1; JSON is canonical text.
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

export interface DepartmentTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  /** Traditional Mongolian name (migration 0014_i18n_names). */
  name_mn: string | null;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  phone_enc: string | null;
  /** Blind index of the phone (HMAC, see personal-data.ts): sign-in and exact search by phone. */
  phone_bidx: string | null;
  password_hash: string;
  /** 1 while the password is the one printed by seed-demo; a non-demo start refuses to run then. */
  password_is_demo: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AssignmentTable {
  id: string;
  user_id: string;
  role: string;
  area_id: string | null;
  department_id: string | null;
  /** Free title, e.g. 党员, 乡贤, 法律顾问 for social forces. */
  title: string | null;
  created_at: string;
}

export interface AuthSessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
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

export interface RoutingRuleTable {
  id: string;
  case_type: string;
  department_id: string;
  /** Restrict the rule to cases in this area's subtree; null = everywhere. */
  area_id: string | null;
}

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

export interface CaseEventTable {
  seq: number;
  id: string;
  case_id: string;
  type: string;
  actor_id: string | null;
  actor_role: string | null;
  at: string;
  /** Canonical JSON: the exact bytes the hash commits to. */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A checkpoint (signed tree head): the RFC 9162 root over entries seq 1…tree_size, Ed25519-signed. */
export interface LedgerSignedCheckpointTable {
  tree_size: number;
  root_hash: string;
  signed_at: string;
  /** Null only for checkpoints migrated from before signing (0005). */
  key_id: string | null;
  signature: string | null;
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

export interface JobTable {
  id: string;
  kind: string;
  run_at: string;
  dedupe_key: string;
  payload: string;
  status: string; // 'pending' | 'running' | 'done' | 'failed'
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  status_code: number;
  body: string;
  /** sha-256 of the request (method, route, body); null on rows stored before it was kept. */
  fingerprint: string | null;
  created_at: string;
}

export interface PersonalDataAccessTable {
  id: string;
  user_id: string;
  subject: string;
  field: string;
  /** Why it was seen (a `RevealReason` code of platform/vault); null on rows before migration 0015. */
  reason: string | null;
  at: string;
}

/** A failed sign-in or a sign-up, counted per key by the throttle (people/throttle.ts). */
export interface AuthAttemptTable {
  id: string;
  /** `login-account:<user id or blind index>`, `login-address:<ip>`, `signup-address:<ip>`. */
  key: string;
  at: string;
}

/** Open311 (issue 4): an extra question a service (case type) asks, GeoReport v2 `attribute`. */
export interface Open311AttributeTable {
  case_type: string;
  code: string;
  /** string | number | datetime | text | singlevaluelist | multivaluelist */
  datatype: string;
  required: number;
  /** 0 for an informational attribute the client only shows. */
  variable: number;
  datatype_description: string | null;
  /** The spec's `order`. */
  sort: number;
  description: string;
  /** JSON array of `{ key, name }` for the list datatypes, else '[]'. */
  values_json: string;
}

/** Open311 API keys: only the SHA-256 of a key is kept. */
export interface Open311KeyTable {
  id: string;
  key_hash: string;
  /** The key's first characters, shown to administrators to tell keys apart. */
  key_prefix: string;
  /** Who the key was issued to (a department, a city app…). */
  owner: string;
  /** The technical account reporting for this key, made on its first request. */
  user_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** What an Open311 request carried beyond the case itself. */
export interface Open311RequestTable {
  case_id: string;
  key_id: string;
  /** Resolves at `GET /tokens/{token}`. */
  token: string;
  service_code: string;
  /** The description as the client sent it (the case's own description adds the attributes). */
  description: string | null;
  address_string: string | null;
  address_id: string | null;
  media_url: string | null;
  /** JSON object of attribute code → value (string or string[]). */
  attributes: string;
  /** first_name, last_name, phone, email, device_id, account_id as encrypted JSON (personal data). */
  contact_enc: string | null;
  created_at: string;
}

/** A photo of a case (现场照片); the image is the file `<dataDir>/photos/<case_id>/<id>.<jpg|png>`. */
export interface CasePhotoTable {
  id: string;
  case_id: string;
  /** 'jpeg' or 'png', from the file's own magic bytes. */
  format: string;
  /** Bytes. */
  size: number;
  uploaded_by: string;
  created_at: string;
  /** 'report' (scene, from the reporter), 'before' or 'after' (the handler's, 处置前/处置后). */
  kind: string;
}

/** The last case number given out on each day (see cases/service.ts `nextCaseNumber`). */
export interface CaseCounterTable {
  day: string;
  n: number;
}

/** Every table of the database, one ordered migration history (migrations.ts) for them all. */
export interface Database {
  area: AreaTable;
  household: HouseholdTable;
  department: DepartmentTable;
  app_user: AppUserTable;
  assignment: AssignmentTable;
  auth_session: AuthSessionTable;
  auth_attempt: AuthAttemptTable;
  case_type: CaseTypeTable;
  deadline_rule: DeadlineRuleTable;
  calendar_day: CalendarDayTable;
  routing_rule: RoutingRuleTable;
  case_file: CaseFileTable;
  case_party: CasePartyTable;
  case_event: CaseEventTable;
  ledger_head: LedgerHeadTable;
  ledger_signed_checkpoint: LedgerSignedCheckpointTable;
  supervision_order: SupervisionOrderTable;
  case_request: CaseRequestTable;
  notification: NotificationTable;
  job: JobTable;
  idempotency: IdempotencyTable;
  personal_data_access: PersonalDataAccessTable;
  open311_attribute: Open311AttributeTable;
  open311_key: Open311KeyTable;
  open311_request: Open311RequestTable;
  case_photo: CasePhotoTable;
  case_counter: CaseCounterTable;
}
