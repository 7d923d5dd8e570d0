/**
 * Row types of the layers module's tables (多网合一): each department's imported grid layer and its
 * grids. Timestamps are ISO-8601 UTC strings on both dialects; JSON is text.
 */

/** One imported grid layer (部门网格图层). */
export interface GridLayerTable {
  id: string;
  name: string;
  /** The owning department of the catalogue, when given. */
  department_id: string | null;
  /** 'geojson' | 'shapefile' | 'xlsx'. */
  source_format: string;
  /** The file's coordinate system as the request said: 'wgs84' | 'cgcs2000' | 'gcj02' (stored WGS-84). */
  crs: string;
  feature_count: number;
  created_by: string;
  created_at: string;
}

/** One grid of a layer, in WGS-84, with the department's own id and attributes. */
export interface GridLayerFeatureTable {
  id: string;
  layer_id: string;
  /** The department's own grid id (旧编码). */
  legacy_id: string;
  name: string | null;
  /** GeoJSON Polygon or MultiPolygon, JSON text. */
  geometry: string;
  /** The attributes as they were in the file, JSON text. */
  attributes: string;
  area_m2: number;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
}

/** The tables the layers module owns; only its repository queries them. */
export interface LayersTables {
  grid_layer: GridLayerTable;
  grid_layer_feature: GridLayerFeatureTable;
}
