/**
 * A department's layer as a GeoJSON FeatureCollection: each Polygon/MultiPolygon feature is a
 * grid; its id is the property the request names (or a common one, or the feature's own `id`,
 * else its number). Any other geometry is a 400 naming the feature (1-based).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerCrs } from './coordinates.ts';
import type { AttributeValue, LayerFeature } from './feature.ts';
import { type FieldChoice, pickField, textOf } from './fields.ts';
import { layerError } from './import-error.ts';
import { normaliseGrids, type RawGrid } from './normalise.ts';

export interface ParseOptions {
  crs: LayerCrs;
  fields: FieldChoice;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    throw layerError('layer.not_json');
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties kept as attributes: scalars as they are, anything nested as its JSON text. */
export function attributesOf(properties: unknown): Record<string, AttributeValue> {
  if (!isRecord(properties)) return {};
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    out[key] =
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as AttributeValue)
        : JSON.stringify(value);
  }
  return out;
}

function gridOf(feature: unknown, position: number, fields: FieldChoice): RawGrid {
  if (!isRecord(feature) || feature.type !== 'Feature')
    throw layerError('layer.feature_not_feature', { feature: position });
  const geometry = feature.geometry;
  if (!isRecord(geometry) || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
    const found = isRecord(geometry) && typeof geometry.type === 'string' ? geometry.type : 'null';
    throw layerError('layer.feature_not_polygon', { feature: position, geometry: found });
  }
  if (!Array.isArray(geometry.coordinates))
    throw layerError('layer.feature_bad_coordinate', { feature: position });
  const attributes = attributesOf(feature.properties);
  const keys = Object.keys(attributes);
  const idKey = pickField(keys, 'id', fields);
  const nameKey = pickField(keys, 'name', fields);
  if (fields.id !== undefined && idKey === undefined) {
    throw layerError('layer.feature_missing_field', { feature: position, column: fields.id });
  }
  const ownId =
    typeof feature.id === 'string' || typeof feature.id === 'number' ? String(feature.id) : undefined;
  return {
    position,
    legacyId: textOf(idKey === undefined ? undefined : attributes[idKey]) ?? ownId ?? String(position),
    name: nameKey === undefined ? undefined : textOf(attributes[nameKey]),
    geometry: geometry as unknown as Polygon | MultiPolygon,
    attributes,
  };
}

/** The grids of a GeoJSON FeatureCollection, checked and in WGS-84. */
export function parseGeoJsonLayer(bytes: Uint8Array, options: ParseOptions): LayerFeature[] {
  const json = parseJson(bytes);
  if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw layerError('layer.not_feature_collection');
  }
  const grids = json.features.map((f, i) => gridOf(f, i + 1, options.fields));
  return normaliseGrids(grids, 'feature', options.crs);
}
