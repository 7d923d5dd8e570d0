/**
 * 多网合一 (one set of grids instead of each department's own): a department's grid layer is a
 * list of features, each normalised on import to a WGS-84 polygon with the department's own id
 * (its legacy id) and its attributes as they were in the file.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** An attribute value as read from a GeoJSON property, a DBF field or an Excel cell. */
export type AttributeValue = string | number | boolean | null;

/** One grid of a department's layer, normalised. */
export interface LayerFeature {
  /** The department's own grid id (from the id column or property the importer was told, or the row/feature number). */
  legacyId: string;
  /** The grid's name, when the file has one. */
  name?: string;
  /** WGS-84 longitude/latitude (GCJ-02 input is converted on import). */
  geometry: Polygon | MultiPolygon;
  attributes: Record<string, AttributeValue>;
}
