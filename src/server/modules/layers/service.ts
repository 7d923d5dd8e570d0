/**
 * Grid layers (多网合一): import a department's file as one layer — parsed and checked before any
 * write, then stored in one transaction (all or nothing) —, list, read as GeoJSON, delete.
 */
import area from '@turf/area';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DatabaseHandle } from '../../database.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { officialGridOutlines } from '../areas/reads.ts';
import { findDepartment } from '../catalogue/departments.ts';
import { type ComparisonTotals, compareLayers, type ReportRow, reportRows } from './compare.ts';
import type { LayerCrs } from './coordinates.ts';
import type { AttributeValue, LayerFeature } from './feature.ts';
import type { FieldChoice } from './fields.ts';
import { type LayerFormat, parseLayerFile } from './parse.ts';
import {
  deleteLayerRows,
  findLayerRow,
  insertLayer,
  insertLayerFeatures,
  listLayerFeatureRows,
  listLayerRows,
} from './repository.ts';
import type { GridLayerFeatureTable, GridLayerTable } from './schema.ts';
import { type LegacyIdRow, legacyIdMap } from './unify.ts';
import { polygonsOf } from './validate.ts';

export interface LayerSummary {
  id: string;
  name: string;
  departmentId: string | null;
  sourceFormat: LayerFormat;
  crs: LayerCrs;
  featureCount: number;
  createdBy: string;
  createdAt: string;
}

export interface LayerImport {
  name: string;
  format: LayerFormat;
  crs: LayerCrs;
  departmentId?: string | undefined;
  fields: FieldChoice;
}

/** A layer's grid as GeoJSON: the department's id, name, attributes and area. */
export type LayerGridFeature = Feature<
  Polygon | MultiPolygon,
  { legacyId: string; name: string | null; attributes: Record<string, AttributeValue>; areaM2: number }
>;

/** Grids per layer above which a comparison is refused (it would hold the server for seconds). */
export const MAX_COMPARED_GRIDS = 1000;

/** Two layers compared: totals and one row per overlap or gap piece (the table and its CSV). */
export interface LayerComparison {
  layerA: LayerSummary;
  layerB: LayerSummary;
  totals: ComparisonTotals;
  rows: ReportRow[];
}

/** The layer compared with the official grids (layer B: legacy ids are the grids' codes). */
export type OfficialComparison = Omit<LayerComparison, 'layerB'>;

/** One old grid → one official grid it became part of (旧编号对照表), with the official grid's name. */
export interface LegacyMapRow extends Omit<LegacyIdRow, 'gridId'> {
  gridCode: string;
  gridName: string;
}

export interface LayerService {
  importLayer(actor: Actor, input: LayerImport, bytes: Uint8Array): Promise<LayerSummary>;
  list(): Promise<LayerSummary[]>;
  get(id: string): Promise<LayerSummary>;
  features(id: string): Promise<FeatureCollection<Polygon | MultiPolygon, LayerGridFeature['properties']>>;
  remove(id: string): Promise<void>;
  /** Overlaps, near-duplicates, slivers and gaps between two layers. */
  compare(idA: string, idB: string): Promise<LayerComparison>;
  /** The layer against the current official grids. */
  compareWithOfficial(id: string): Promise<OfficialComparison>;
  /** Which official grids each of the layer's old grids became, by share; filtered to one old id or one grid code when given. */
  legacyMap(id: string, only?: { legacyId?: string; gridCode?: string }): Promise<LegacyMapRow[]>;
}

const present = (r: GridLayerTable): LayerSummary => ({
  id: r.id,
  name: r.name,
  departmentId: r.department_id,
  sourceFormat: r.source_format as LayerFormat,
  crs: r.crs as LayerCrs,
  featureCount: r.feature_count,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The bounding box of a geometry: [minLng, minLat, maxLng, maxLat]. */
function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    for (const [lng, lat] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lng as number);
      box[1] = Math.min(box[1], lat as number);
      box[2] = Math.max(box[2], lng as number);
      box[3] = Math.max(box[3], lat as number);
    }
  }
  return box;
}

function featureRow(layerId: string, f: LayerFeature): GridLayerFeatureTable {
  const [minLng, minLat, maxLng, maxLat] = bboxOf(f.geometry);
  return {
    id: uuidv7(),
    layer_id: layerId,
    legacy_id: f.legacyId,
    name: f.name ?? null,
    geometry: JSON.stringify(f.geometry),
    attributes: JSON.stringify(f.attributes),
    area_m2: Math.round(area(f.geometry) * 100) / 100,
    min_lng: minLng,
    min_lat: minLat,
    max_lng: maxLng,
    max_lat: maxLat,
  };
}

/** A stored grid as the comparison takes it. */
function layerFeature(r: GridLayerFeatureTable): LayerFeature {
  return {
    legacyId: r.legacy_id,
    ...(r.name ? { name: r.name } : {}),
    geometry: JSON.parse(r.geometry) as Polygon | MultiPolygon,
    attributes: JSON.parse(r.attributes) as Record<string, AttributeValue>,
  };
}

function gridFeature(r: GridLayerFeatureTable): LayerGridFeature {
  return {
    type: 'Feature',
    id: r.id,
    geometry: JSON.parse(r.geometry) as Polygon | MultiPolygon,
    properties: {
      legacyId: r.legacy_id,
      name: r.name,
      attributes: JSON.parse(r.attributes) as Record<string, AttributeValue>,
      areaM2: r.area_m2,
    },
  };
}

export function createLayerService(deps: { database: DatabaseHandle; clock: Clock }): LayerService {
  const { db } = deps.database;
  /** The layer, when it is small enough to compare inside a request. */
  const comparable = (layer: GridLayerTable): GridLayerTable => {
    if (layer.feature_count > MAX_COMPARED_GRIDS) {
      throw badRequest('layerId', 'layer.too_many_to_compare', {
        name: layer.name,
        count: layer.feature_count,
        max: MAX_COMPARED_GRIDS,
      });
    }
    return layer;
  };
  /** The official grids as a layer whose legacy ids are the grids' codes. */
  const officialFeatures = async (): Promise<LayerFeature[]> =>
    (await officialGridOutlines(db)).map((g) => ({
      legacyId: g.code,
      name: g.name,
      geometry: g.geometry,
      attributes: {},
    }));
  const found = async (id: string) => {
    const row = await findLayerRow(db, id);
    if (!row) throw notFound('not_found.grid_layer');
    return row;
  };
  return {
    async importLayer(actor, input, bytes) {
      // Parsed and checked before the transaction: a bad file writes nothing.
      const grids = await parseLayerFile(bytes, input.format, { crs: input.crs, fields: input.fields });
      const layer: GridLayerTable = {
        id: uuidv7(),
        name: input.name,
        department_id: input.departmentId ?? null,
        source_format: input.format,
        crs: input.crs,
        feature_count: grids.length,
        created_by: actor.userId,
        created_at: deps.clock.now().toISOString(),
      };
      await db.transaction().execute(async (tx) => {
        if (layer.department_id !== null && !(await findDepartment(tx, layer.department_id))) {
          throw badRequest('departmentId', 'ref.no_such_department');
        }
        await insertLayer(tx, layer);
        await insertLayerFeatures(
          tx,
          grids.map((g) => featureRow(layer.id, g)),
        );
      });
      return present(layer);
    },
    async list() {
      return (await listLayerRows(db)).map(present);
    },
    async get(id) {
      return present(await found(id));
    },
    async features(id) {
      await found(id);
      const rows = await listLayerFeatureRows(db, id);
      return { type: 'FeatureCollection', features: rows.map(gridFeature) };
    },
    async compare(idA, idB) {
      const [layerA, layerB] = [comparable(await found(idA)), comparable(await found(idB))];
      const [gridsA, gridsB] = [await listLayerFeatureRows(db, idA), await listLayerFeatureRows(db, idB)];
      const report = compareLayers(gridsA.map(layerFeature), gridsB.map(layerFeature));
      return {
        layerA: present(layerA),
        layerB: present(layerB),
        totals: report.totals,
        rows: reportRows(report),
      };
    },
    async compareWithOfficial(id) {
      const layer = comparable(await found(id));
      const grids = (await listLayerFeatureRows(db, id)).map(layerFeature);
      const report = compareLayers(grids, await officialFeatures());
      return { layerA: present(layer), totals: report.totals, rows: reportRows(report) };
    },
    async legacyMap(id, only = {}) {
      comparable(await found(id));
      const official = await officialGridOutlines(db);
      const names = new Map(official.map((g) => [g.code, g.name]));
      const rows = legacyIdMap(
        { id, features: (await listLayerFeatureRows(db, id)).map(layerFeature) },
        official.map((g) => ({ gridId: g.code, geometry: g.geometry })),
      );
      const wanted = (r: LegacyIdRow) =>
        (only.legacyId === undefined || r.legacyId === only.legacyId) &&
        (only.gridCode === undefined || r.gridId === only.gridCode);
      return rows
        .filter(wanted)
        .map(({ gridId, ...r }) => ({ ...r, gridCode: gridId, gridName: names.get(gridId) ?? gridId }));
    },
    async remove(id) {
      const deleted = await db.transaction().execute((tx) => deleteLayerRows(tx, id));
      if (!deleted) throw notFound('not_found.grid_layer');
    },
  };
}
