/**
 * Row types of the open311 module's tables, as Kysely sees them: the Open311 GeoReport v2
 * attributes, API keys and requests. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL `timestamptz` is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
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

/** The tables the open311 module owns; only its repository code queries them. */
export interface Open311Tables {
  open311_attribute: Open311AttributeTable;
  open311_key: Open311KeyTable;
  open311_request: Open311RequestTable;
}
