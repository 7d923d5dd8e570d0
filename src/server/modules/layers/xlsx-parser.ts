/**
 * A department's layer as an Excel workbook (first sheet, headers in row 1), in one of the two
 * shapes grid offices keep: one row per grid with a WKT boundary column, or one row per boundary
 * vertex (经度/纬度) where consecutive rows of one grid id make its ring in order (an optional
 * 序号 column sorts them). Errors name the sheet row.
 */
import type { Position } from 'geojson';
import type { AttributeValue, LayerFeature } from './feature.ts';
import { type FieldChoice, pickField, textOf } from './fields.ts';
import type { ParseOptions } from './geojson-parser.ts';
import { layerError } from './import-error.ts';
import { normaliseGrids, type RawGrid } from './normalise.ts';
import { parseWktPolygon } from './wkt.ts';
import { type SheetRow, sheetRows } from './xlsx-cells.ts';

async function firstSheet(bytes: Uint8Array) {
  // Loaded on first use: exceljs takes ~0.75 s to import, which every start of the server would pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw layerError('layer.xlsx_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw layerError('layer.xlsx_unreadable');
  return sheet;
}

const without = (values: Record<string, AttributeValue>, ...keys: (string | undefined)[]) =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !keys.includes(k)));

/** Shape (a): one row per grid, its boundary as WKT. */
function gridsFromWkt(rows: SheetRow[], geometryKey: string, idKey?: string, nameKey?: string): RawGrid[] {
  return rows.map(({ row, values }) => {
    const wkt = textOf(values[geometryKey]);
    const geometry = wkt === undefined ? undefined : parseWktPolygon(wkt);
    if (!geometry) throw layerError('layer.row_bad_wkt', { row });
    return {
      position: row,
      legacyId: textOf(idKey === undefined ? undefined : values[idKey]) ?? String(row),
      name: nameKey === undefined ? undefined : textOf(values[nameKey]),
      geometry,
      attributes: without(values, geometryKey),
    };
  });
}

interface VertexKeys {
  id: string;
  name: string | undefined;
  lng: string;
  lat: string;
  order: string | undefined;
}

function coordinate(value: AttributeValue, row: number): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value !== ''
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(n)) throw layerError('layer.row_bad_coordinate', { row });
  return n;
}

/** Consecutive rows of one grid id; an id seen again after another grid is a duplicate. */
function vertexGroups(rows: SheetRow[], idKey: string): SheetRow[][] {
  const groups: SheetRow[][] = [];
  const firstRowOf = new Map<string, number>();
  let current: string | undefined;
  for (const r of rows) {
    const id = textOf(r.values[idKey]);
    if (id === undefined) throw layerError('layer.row_missing_id', { row: r.row });
    if (id !== current) {
      const first = firstRowOf.get(id);
      if (first !== undefined) throw layerError('layer.row_duplicate_id', { id, first, second: r.row });
      firstRowOf.set(id, r.row);
      groups.push([]);
      current = id;
    }
    groups.at(-1)?.push(r);
  }
  return groups;
}

/** Shape (b): one row per boundary vertex. */
function gridsFromVertices(rows: SheetRow[], keys: VertexKeys): RawGrid[] {
  return vertexGroups(rows, keys.id).map((group) => {
    const first = group[0] as SheetRow;
    const ordered =
      keys.order === undefined
        ? group
        : [...group].sort(
            (a, b) =>
              coordinate(a.values[keys.order as string] ?? null, a.row) -
              coordinate(b.values[keys.order as string] ?? null, b.row),
          );
    const ring: Position[] = ordered.map(({ row, values }) => [
      coordinate(values[keys.lng] ?? null, row),
      coordinate(values[keys.lat] ?? null, row),
    ]);
    return {
      position: first.row,
      legacyId: textOf(first.values[keys.id]) as string,
      name: keys.name === undefined ? undefined : textOf(first.values[keys.name]),
      geometry: { type: 'Polygon', coordinates: [ring] },
      attributes: without(first.values, keys.lng, keys.lat, keys.order),
    };
  });
}

function required(key: string | undefined, role: keyof FieldChoice, fields: FieldChoice): string {
  if (key === undefined) throw layerError('layer.missing_column', { column: fields[role] ?? role });
  return key;
}

/** The grids of an .xlsx workbook, checked and in WGS-84. */
export async function parseXlsxLayer(bytes: Uint8Array, options: ParseOptions): Promise<LayerFeature[]> {
  const { headers, rows } = sheetRows(await firstSheet(bytes));
  const { fields } = options;
  for (const role of Object.keys(fields) as (keyof FieldChoice)[])
    required(pickField(headers, role, fields), role, fields);
  const idKey = pickField(headers, 'id', fields);
  const nameKey = pickField(headers, 'name', fields);
  const geometryKey = pickField(headers, 'geometry', fields);
  if (geometryKey !== undefined)
    return normaliseGrids(gridsFromWkt(rows, geometryKey, idKey, nameKey), 'row', options.crs);
  const lng = pickField(headers, 'lng', fields);
  const lat = pickField(headers, 'lat', fields);
  if (lng === undefined || lat === undefined) throw layerError('layer.xlsx_no_geometry_column');
  const keys: VertexKeys = {
    id: required(idKey, 'id', fields),
    name: nameKey,
    lng,
    lat,
    order: pickField(headers, 'order', fields),
  };
  return normaliseGrids(gridsFromVertices(rows, keys), 'row', options.crs);
}
