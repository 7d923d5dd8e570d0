/**
 * Writes a small polygon Shapefile (.shp, .shx, .dbf) for tests, its attribute table encoded with
 * iconv-lite (GBK by default, as Chinese departments' files are), zipped with fflate together with
 * a .cpg and a .prj when given. Outer rings must be clockwise, as the format wants.
 */
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';

export interface TestShape {
  /** Rings of [x, y], each closed; outer rings clockwise. */
  rings: number[][][];
  attributes: Record<string, string | number>;
}

export interface TestShapefile {
  shapes: TestShape[];
  /** Text fields (C) and numeric fields (N), in order. */
  fields: { name: string; type: 'C' | 'N'; length: number }[];
  encoding?: string;
  /** Written as the .cpg when given (e.g. "GBK"). */
  cpg?: string;
  /** Written as the .prj when given. */
  prj?: string;
  /** DBF language-driver byte (0x4D: CP936). */
  languageByte?: number;
  /** Base name of the files in the archive. */
  base?: string;
  /** Leave out one of the parts, to test a broken archive. */
  omit?: 'shp' | 'dbf';
}

const SHAPE_POLYGON = 5;

function bboxOf(points: number[][]): [number, number, number, number] {
  const xs = points.map((p) => p[0] as number);
  const ys = points.map((p) => p[1] as number);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function header(view: DataView, fileBytes: number, bbox: number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, fileBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, SHAPE_POLYGON, true);
  for (const [i, v] of bbox.entries()) view.setFloat64(36 + i * 8, v, true);
}

function polygonContent(shape: TestShape): Uint8Array {
  const points = shape.rings.flat();
  const bytes = new Uint8Array(44 + 4 * shape.rings.length + 16 * points.length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, SHAPE_POLYGON, true);
  for (const [i, v] of bboxOf(points).entries()) view.setFloat64(4 + i * 8, v, true);
  view.setInt32(36, shape.rings.length, true);
  view.setInt32(40, points.length, true);
  let start = 0;
  shape.rings.forEach((ring, i) => {
    view.setInt32(44 + 4 * i, start, true);
    start += ring.length;
  });
  const at = 44 + 4 * shape.rings.length;
  points.forEach(([x, y], i) => {
    view.setFloat64(at + 16 * i, x as number, true);
    view.setFloat64(at + 16 * i + 8, y as number, true);
  });
  return bytes;
}

function shpAndShx(shapes: TestShape[]): { shp: Uint8Array; shx: Uint8Array } {
  const contents = shapes.map(polygonContent);
  const shpBytes = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * shapes.length);
  const bbox = bboxOf(shapes.flatMap((s) => s.rings.flat()));
  header(new DataView(shp.buffer), shpBytes, bbox);
  header(new DataView(shx.buffer), shx.length, bbox);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, content.length / 2, false);
    shp.set(content, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2, false);
    shxView.setInt32(104 + 8 * i, content.length / 2, false);
    offset += 8 + content.length;
  });
  return { shp, shx };
}

function dbf(file: TestShapefile, encoding: string): Uint8Array {
  const { fields, shapes } = file;
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * shapes.length + 1).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([126, 1, 1], 1);
  view.setUint32(4, shapes.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = file.languageByte ?? 0;
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    bytes.set(iconv.encode(f.name, encoding).subarray(0, 10), at);
    bytes[at + 11] = f.type.charCodeAt(0);
    bytes[at + 16] = f.length;
  });
  bytes[headerLength - 1] = 0x0d;
  shapes.forEach((shape, r) => {
    let at = headerLength + r * recordLength + 1;
    for (const f of fields) {
      const value = String(shape.attributes[f.name] ?? '');
      const encoded = iconv.encode(value, encoding).subarray(0, f.length);
      bytes.set(encoded, f.type === 'N' ? at + f.length - encoded.length : at);
      at += f.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** The zipped Shapefile's bytes. */
export function zippedShapefile(file: TestShapefile): Uint8Array {
  const base = file.base ?? 'grids';
  const { shp, shx } = shpAndShx(file.shapes);
  const files: Record<string, Uint8Array> = { [`${base}.shx`]: shx };
  if (file.omit !== 'shp') files[`${base}.shp`] = shp;
  if (file.omit !== 'dbf') files[`${base}.dbf`] = dbf(file, file.encoding ?? 'gbk');
  if (file.cpg !== undefined) files[`${base}.cpg`] = new TextEncoder().encode(file.cpg);
  if (file.prj !== undefined) files[`${base}.prj`] = new TextEncoder().encode(file.prj);
  return zipSync(files);
}

/** The .prj of geographic CGCS2000 as ArcGIS writes it. */
export const PRJ_CGCS2000 =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The .prj of CGCS2000 3-degree Gauss-Krüger zone 36 (central meridian 108°E), with the zone number in the easting. */
export const PRJ_CGCS2000_GK_ZONE_36 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_36",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
