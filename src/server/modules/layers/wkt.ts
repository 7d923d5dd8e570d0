/**
 * Well-known text of a polygon (`POLYGON ((x y, …), (…))` or `MULTIPOLYGON (((…)), ((…)))`), as
 * departments' spreadsheets carry grid boundaries. Anything else gives undefined.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A parenthesised list as nested arrays of its comma-separated texts; undefined when unbalanced. */
type Nested = string | Nested[];

function nest(text: string): Nested[] | undefined {
  const stack: Nested[][] = [[]];
  let token = '';
  const flush = () => {
    const t = token.trim();
    if (t !== '') stack.at(-1)?.push(t);
    token = '';
  };
  for (const ch of text) {
    if (ch === '(') {
      const list: Nested[] = [];
      stack.at(-1)?.push(list);
      stack.push(list);
    } else if (ch === ')') {
      flush();
      if (stack.length < 2) return undefined;
      stack.pop();
    } else if (ch === ',') flush();
    else token += ch;
  }
  flush();
  return stack.length === 1 ? (stack[0] as Nested[]) : undefined;
}

function positionOf(text: Nested): Position | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split(/\s+/);
  if (parts.length < 2 || !parts.every((p) => NUMBER.test(p))) return undefined;
  return [Number(parts[0]), Number(parts[1])];
}

function ringsOf(polygon: Nested): Position[][] | undefined {
  if (!Array.isArray(polygon)) return undefined;
  const rings: Position[][] = [];
  for (const ring of polygon) {
    if (!Array.isArray(ring)) return undefined;
    const positions = ring.map(positionOf);
    if (positions.some((p) => p === undefined)) return undefined;
    rings.push(positions as Position[]);
  }
  return rings;
}

/** The polygon a WKT text describes, or undefined when it is not a (multi)polygon in WKT. */
export function parseWktPolygon(wkt: string): Polygon | MultiPolygon | undefined {
  const match = /^\s*(MULTIPOLYGON|POLYGON)\s*(?:Z\s*)?(\(.*\))\s*$/is.exec(wkt);
  if (!match) return undefined;
  const body = nest(match[2] as string);
  if (body?.length !== 1 || !Array.isArray(body[0])) return undefined;
  const outer = body[0];
  if ((match[1] as string).toUpperCase() === 'POLYGON') {
    const rings = ringsOf(outer);
    return rings ? { type: 'Polygon', coordinates: rings } : undefined;
  }
  const polygons = outer.map(ringsOf);
  if (polygons.some((p) => p === undefined)) return undefined;
  return { type: 'MultiPolygon', coordinates: polygons as Position[][][] };
}
