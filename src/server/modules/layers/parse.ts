/** The parser for each file format a layer may come in (图层文件格式). */
import type { LayerCrs } from './coordinates.ts';
import type { LayerFeature } from './feature.ts';
import type { FieldChoice } from './fields.ts';
import { parseGeoJsonLayer } from './geojson-parser.ts';
import { parseShapefileLayer } from './shapefile-parser.ts';
import { parseXlsxLayer } from './xlsx-parser.ts';

export const LAYER_FORMATS = ['geojson', 'shapefile', 'xlsx'] as const;
export type LayerFormat = (typeof LAYER_FORMATS)[number];

/** The grids of a file, checked and in WGS-84 (a 400 naming the feature or row otherwise). */
export async function parseLayerFile(
  bytes: Uint8Array,
  format: LayerFormat,
  options: { crs: LayerCrs; fields: FieldChoice },
): Promise<LayerFeature[]> {
  switch (format) {
    case 'geojson':
      return parseGeoJsonLayer(bytes, options);
    case 'shapefile':
      return parseShapefileLayer(bytes, options);
    case 'xlsx':
      return parseXlsxLayer(bytes, options);
  }
}
