/**
 * A Shapefile's coordinate system from its `.prj` (WKT): geographic WGS-84 or CGCS2000 is taken as
 * it is (they differ by centimetres); a projected CGCS2000/WGS-84 system (Gauss-Krüger 3°/6° zones,
 * UTM) is unprojected with proj4. Other datums (Beijing 1954, Xi'an 1980) need transformation
 * parameters no file carries: a 400 naming the .prj.
 */
import type { Position } from 'geojson';
import proj4 from 'proj4';
import { layerError } from './import-error.ts';

/** Datum spellings taken as WGS-84 (CGCS2000 differs by centimetres). */
const ACCEPTED_DATUM = /WGS[_ ]?(19)?84|China[_ ]2000|CGCS[_ ]?2000|China Geodetic Coordinate System 2000/i;

/** Converts a position of the file to longitude/latitude; identity for geographic files. */
export type Unproject = (position: Position) => Position;

const identity: Unproject = (p) => p;

/** How to read the coordinates of a file with this `.prj` text (none: geographic). */
export function unprojectionOf(prj: string | undefined, prjName: string): Unproject {
  if (prj === undefined || prj.trim() === '') return identity;
  const wkt = prj.trim();
  const unsupported = () => layerError('layer.prj_unsupported', { file: prjName });
  if (!ACCEPTED_DATUM.test(wkt)) throw unsupported();
  if (/^(GEOGCS|GEOGCRS|GEODCRS)\[/i.test(wkt)) return identity;
  if (!/^(PROJCS|PROJCRS)\[/i.test(wkt)) throw unsupported();
  let converter: proj4.Converter;
  try {
    converter = proj4(wkt, 'WGS84');
  } catch {
    throw unsupported();
  }
  return ([x, y]) => {
    const [lng, lat] = converter.forward([x as number, y as number]);
    return [lng as number, lat as number];
  };
}
