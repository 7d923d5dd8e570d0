/**
 * The whole database as the application sees it: every module's tables (each declared in its
 * module's `schema.ts`, queried only by that module) and the platform's, under one Kysely type and
 * one ordered migration history (platform/db/migrations.ts).
 *
 * A module's repository may narrow its queries to its own tables with `Queryable<XTables>`, so that
 * reading another module's table is a type error (see areas/repository.ts).
 */

import { migrationsFor } from './migrations.ts';
import type { AreasTables } from './modules/areas/schema.ts';
import type { CasesTables } from './modules/cases/schema.ts';
import type { CatalogueTables } from './modules/catalogue/schema.ts';
import type { DeadlinesTables } from './modules/deadlines/schema.ts';
import type { JobsTables } from './modules/jobs/schema.ts';
import type { LayersTables } from './modules/layers/schema.ts';
import type { LedgerTables } from './modules/ledger/schema.ts';
import type { Open311Tables } from './modules/open311/schema.ts';
import type { PeopleTables } from './modules/people/schema.ts';
import type { PhotosTables } from './modules/photos/schema.ts';
import {
  type OpenOptions,
  openDatabase as openPlatformDatabase,
  openMigrated as openPlatformMigrated,
  type DatabaseHandle as PlatformHandle,
  type Queryable as PlatformQueryable,
} from './platform/db/database.ts';
import type { PlatformTables } from './platform/db/schema.ts';

export interface Database
  extends AreasTables,
    CasesTables,
    CatalogueTables,
    DeadlinesTables,
    JobsTables,
    LayersTables,
    LedgerTables,
    Open311Tables,
    PeopleTables,
    PhotosTables,
    PlatformTables {}

export type Db = import('kysely').Kysely<Database>;
export type Tx = import('kysely').Transaction<Database>;
/** Either the database or a transaction in progress: repositories accept both. */
export type Queryable<Tables = Database> = PlatformQueryable<Tables>;
export type DatabaseHandle = PlatformHandle<Database>;

/** Opens (and for SQLite creates) the database. It does not migrate; see `openMigrated`. */
export const openDatabase = (options: OpenOptions): DatabaseHandle => openPlatformDatabase<Database>(options);

/** Opens the database, brings its schema up to date, and (SQLite) gives the planner statistics. */
export const openMigrated = (options: OpenOptions): Promise<DatabaseHandle> =>
  openPlatformMigrated<Database>(options, migrationsFor);
