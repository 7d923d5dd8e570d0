/**
 * Row types of the people module's tables, as Kysely sees them: users, their assignments (role ×
 * area), sessions and sign-in attempts. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL `timestamptz` is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
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

/** A failed sign-in or a sign-up, counted per key by the throttle (people/throttle.ts). */
export interface AuthAttemptTable {
  id: string;
  /** `login-account:<user id or blind index>`, `login-address:<ip>`, `signup-address:<ip>`. */
  key: string;
  at: string;
}

/** The tables the people module owns; only its repository code queries them. */
export interface PeopleTables {
  app_user: AppUserTable;
  assignment: AssignmentTable;
  auth_session: AuthSessionTable;
  auth_attempt: AuthAttemptTable;
}
