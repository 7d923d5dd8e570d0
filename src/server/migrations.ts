/**
 * The database's one migration history, in the order the migrations were written. Each module keeps
 * its own migrations (modules/<name>/migrations.ts, the platform's in platform/db/migrations/); a new one
 * goes in its namespace and is listed last here. A Kysely migration cannot see its dialect, so the set
 * is built by a factory that takes it (STACK.md).
 */

import type { Migration } from 'kysely';
import { areasInitial } from './modules/areas/migrations.ts';
import {
  caseCounter,
  casePartyAssignmentIndex,
  casesInitial,
  jointParts,
  notificationMessageKey,
} from './modules/cases/migrations.ts';
import { caseTypeNameMn, catalogueInitial, i18nNames } from './modules/catalogue/migrations.ts';
import { deadlinesInitial } from './modules/deadlines/migrations.ts';
import { jobsInitial } from './modules/jobs/migrations.ts';
import { gridLayers } from './modules/layers/migrations.ts';
import { ledgerInitial, signedCheckpoints } from './modules/ledger/migrations.ts';
import { open311 } from './modules/open311/migrations.ts';
import { authThrottle, blindIndex, peopleInitial } from './modules/people/migrations.ts';
import { photoKinds, photos } from './modules/photos/migrations.ts';
import type { Dialect } from './platform/db/dialect.ts';
import { inParts } from './platform/db/migrations/kit.ts';
import { idempotencyFingerprint, platformInitial, revealReason } from './platform/db/migrations/platform.ts';

/** All migrations in order, for the given dialect. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': inParts(dialect, [
      areasInitial,
      catalogueInitial,
      peopleInitial,
      deadlinesInitial,
      casesInitial,
      ledgerInitial,
      jobsInitial,
      platformInitial,
    ]),
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
    '0016_grid_layers': gridLayers(dialect),
  };
}
