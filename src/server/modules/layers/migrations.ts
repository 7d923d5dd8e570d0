/**
 * The layers module's migrations, listed in the one ordered history in src/server/migrations.ts
 * (a migration is frozen history).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type Db, types } from '../../platform/db/migrations/kit.ts';

/** 0016: departments' grid layers (多网合一) and their grids. */
export function gridLayers(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('grid_layer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.references('department.id'))
        .addColumn('source_format', 'text', (c) => c.notNull())
        .addColumn('crs', 'text', (c) => c.notNull())
        .addColumn('feature_count', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('grid_layer_feature')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('layer_id', 'text', (c) => c.notNull().references('grid_layer.id'))
        .addColumn('legacy_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('geometry', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('area_m2', t.real, (c) => c.notNull())
        .addColumn('min_lng', t.real, (c) => c.notNull())
        .addColumn('min_lat', t.real, (c) => c.notNull())
        .addColumn('max_lng', t.real, (c) => c.notNull())
        .addColumn('max_lat', t.real, (c) => c.notNull())
        .addUniqueConstraint('grid_layer_feature_legacy_id', ['layer_id', 'legacy_id'])
        .execute();
    },
  };
}
