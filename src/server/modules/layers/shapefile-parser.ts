/**
 * A department's layer as a zipped Shapefile (.zip with .shp, .dbf, optional .prj and .cpg): the
 * shapes read with the `shapefile` package, the attribute table with our DBF reader in the file's
 * encoding (dbf-encoding.ts), projected coordinates unprojected (projection.ts). Record n of the
 * .shp is feature n (1-based) in every error.
 */
import { unzipSync } from 'fflate';
import type { GeometryObject, MultiPolygon, Polygon } from 'geojson';
import { openShp } from 'shapefile';
import { mapPositions } from './coordinates.ts';
import { dbfLanguageByte, readDbf } from './dbf.ts';
import { encodingOfCpg, encodingOfLanguageByte } from './dbf-encoding.ts';
import type { LayerFeature } from './feature.ts';
import { pickField, textOf } from './fields.ts';
import type { ParseOptions } from './geojson-parser.ts';
import { layerError } from './import-error.ts';
import { normaliseGrids, type RawGrid } from './normalise.ts';
import { unprojectionOf } from './projection.ts';

/** The parts of one Shapefile found in the archive, by lower-case extension. */
interface ShapefileParts {
  base: string;
  shp: Uint8Array;
  dbf: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch {
    throw layerError('layer.not_zip');
  }
}

/** The first .shp of the archive and the files beside it with the same base name. */
export function shapefileParts(bytes: Uint8Array): ShapefileParts {
  const files = unzip(bytes);
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const shpName = names.find((n) => n.toLowerCase().endsWith('.shp'));
  if (!shpName) throw layerError('layer.shapefile_missing_part', { part: '.shp' });
  const base = shpName.slice(0, -4);
  const part = (ext: string) => {
    const name = names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
    return name === undefined ? undefined : files[name];
  };
  const dbf = part('dbf');
  if (!dbf) throw layerError('layer.shapefile_missing_part', { part: '.dbf' });
  const prj = part('prj');
  const cpg = part('cpg');
  return { base, shp: files[shpName] as Uint8Array, dbf, ...(prj ? { prj } : {}), ...(cpg ? { cpg } : {}) };
}

async function readShapes(shp: Uint8Array): Promise<(GeometryObject | null)[]> {
  const shapes: (GeometryObject | null)[] = [];
  try {
    const source = await openShp(shp);
    for (let r = await source.read(); !r.done; r = await source.read()) shapes.push(r.value);
  } catch {
    throw layerError('layer.shapefile_unreadable', { part: '.shp' });
  }
  return shapes;
}

const ascii = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** The grids of a zipped Shapefile, checked and in WGS-84. */
export async function parseShapefileLayer(bytes: Uint8Array, options: ParseOptions): Promise<LayerFeature[]> {
  const parts = shapefileParts(bytes);
  const encoding = parts.cpg
    ? encodingOfCpg(ascii(parts.cpg))
    : encodingOfLanguageByte(dbfLanguageByte(parts.dbf));
  const unproject = unprojectionOf(parts.prj && ascii(parts.prj), `${parts.base}.prj`);
  const records = readDbf(parts.dbf, encoding);
  const shapes = await readShapes(parts.shp);
  if (shapes.length !== records.length) {
    throw layerError('layer.shapefile_mismatch', { shapes: shapes.length, records: records.length });
  }
  const columns = Object.keys(records.find((r) => r !== null) ?? {});
  const idKey = pickField(columns, 'id', options.fields);
  const nameKey = pickField(columns, 'name', options.fields);
  if (options.fields.id !== undefined && idKey === undefined) {
    throw layerError('layer.missing_column', { column: options.fields.id });
  }
  const grids: RawGrid[] = [];
  shapes.forEach((shape, i) => {
    const attributes = records[i];
    if (attributes === null || attributes === undefined) return;
    const position = i + 1;
    if (!shape || (shape.type !== 'Polygon' && shape.type !== 'MultiPolygon')) {
      throw layerError('layer.feature_not_polygon', { feature: position, geometry: shape?.type ?? 'null' });
    }
    grids.push({
      position,
      legacyId: textOf(idKey === undefined ? undefined : attributes[idKey]) ?? String(position),
      name: nameKey === undefined ? undefined : textOf(attributes[nameKey]),
      geometry: mapPositions(shape as Polygon | MultiPolygon, unproject),
      attributes,
    });
  });
  return normaliseGrids(grids, 'feature', options.crs);
}
