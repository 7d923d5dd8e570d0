/**
 * The data every install starts with, demo or not: the case-type catalogue, the deadline rules and
 * this year's working-day calendar. Idempotent: it only fills empty tables, so edits survive restarts.
 */
import { seedCatalogueDefaults } from './modules/catalogue/case-types.ts';
import { seedDeadlineDefaults } from './modules/deadlines/defaults.ts';
import type { Queryable } from './platform/db/database.ts';

export async function seedDefaults(q: Queryable): Promise<void> {
  await seedCatalogueDefaults(q);
  await seedDeadlineDefaults(q);
}
