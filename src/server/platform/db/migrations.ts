/**
 * One migration set for SQLite and PostgreSQL, in one order for the database as a whole. A Kysely
 * migration cannot see its dialect, so the set is built by a factory that takes it (STACK.md). The
 * migrations live in migrations/; a new one goes in a new file and is listed last here.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from './dialect.ts';
import { initial } from './migrations/0001-initial.ts';
import {
  blindIndex,
  caseCounter,
  casePartyAssignmentIndex,
  idempotencyFingerprint,
  open311,
  photos,
  signedCheckpoints,
} from './migrations/0002-0013.ts';
import {
  authThrottle,
  caseTypeNameMn,
  i18nNames,
  jointParts,
  notificationMessageKey,
  photoKinds,
  revealReason,
} from './migrations/0008-0015.ts';

/** All migrations in order, for the given dialect. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': initial(dialect),
    '0002_open311': open311(dialect),
    '0003_photos': photos(dialect),
    '0004_case_counter': caseCounter(),
    '0005_idempotency_fingerprint': idempotencyFingerprint(),
    '0006_case_party_assignment_index': casePartyAssignmentIndex(),
    '0007_phone_blind_index': blindIndex(),
    '0008_auth_throttle': authThrottle(dialect),
    '0009_case_type_name_mn': caseTypeNameMn(),
    '0010_joint_parts': jointParts(dialect),
    '0011_notification_message_key': notificationMessageKey(),
    '0012_photo_kind': photoKinds(),
    '0013_signed_checkpoints': signedCheckpoints(dialect),
    '0014_i18n_names': i18nNames(),
    '0015_people_reveal_reason': revealReason(),
  };
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  // With a schema named, Kysely keeps its migration tables there instead of finding another schema's.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
