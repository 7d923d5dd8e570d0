/** The layers module's SQL: grid layers and their grids (多网合一). */
import type { Queryable as AnyQueryable } from '../../database.ts';
import type { GridLayerFeatureTable, GridLayerTable, LayersTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<LayersTables>;

/** Rows per INSERT: 12 columns each stays far below both databases' parameter limits. */
const FEATURE_BATCH = 500;

export async function insertLayer(q: Queryable, row: GridLayerTable): Promise<void> {
  await q.insertInto('grid_layer').values(row).execute();
}

export async function insertLayerFeatures(
  q: Queryable,
  rows: readonly GridLayerFeatureTable[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += FEATURE_BATCH) {
    await q
      .insertInto('grid_layer_feature')
      .values(rows.slice(i, i + FEATURE_BATCH))
      .execute();
  }
}

/** Every layer, newest first. */
export function listLayerRows(q: Queryable): Promise<GridLayerTable[]> {
  return q.selectFrom('grid_layer').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export function findLayerRow(q: Queryable, id: string): Promise<GridLayerTable | undefined> {
  return q.selectFrom('grid_layer').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A layer's grids in the order of the file. */
export function listLayerFeatureRows(q: Queryable, layerId: string): Promise<GridLayerFeatureTable[]> {
  return q
    .selectFrom('grid_layer_feature')
    .selectAll()
    .where('layer_id', '=', layerId)
    .orderBy('id')
    .execute();
}

/** Deletes a layer and its grids; false when there was no such layer. */
export async function deleteLayerRows(q: Queryable, id: string): Promise<boolean> {
  await q.deleteFrom('grid_layer_feature').where('layer_id', '=', id).execute();
  const result = await q.deleteFrom('grid_layer').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
