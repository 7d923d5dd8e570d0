/**
 * The data every install starts with, demo or not: the case-type catalogue, the deadline rules,
 * this year's working-day calendar and the Open311 service attributes. Idempotent: it only fills empty tables, so edits survive restarts.
 */

import type { Queryable } from './database.ts';
import { seedCatalogueDefaults } from './modules/catalogue/case-types.ts';
import { seedDeadlineDefaults } from './modules/deadlines/defaults.ts';
import { seedOpen311Attributes } from './modules/open311/attributes.ts';

export async function seedDefaults(q: Queryable): Promise<void> {
  await seedCatalogueDefaults(q);
  await seedDeadlineDefaults(q);
  await seedOpen311Attributes(q);
}
