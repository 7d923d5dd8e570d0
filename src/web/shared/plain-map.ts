/**
 * The apps' MapLibre maps have no basemap (they draw offline too): grid outlines over a plain
 * background, and a pin. One place for that look — the style, the grid layers, the pin, and the box
 * around polygons — for the case map (CaseMap) and the resident's location picker (MapPicker). Both
 * are loaded lazily, so MapLibre is fetched only with them.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSON, Geometry } from 'geojson';
import { type Map as MapLibreMap, type MapOptions, Marker, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);

/** A plain background and nothing else. */
export const PLAIN_STYLE: MapOptions['style'] = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2e6' } }],
};

/** The pin at a case's (or the picked) place. */
export function pin(): Marker {
  return new Marker({ color: '#d4380d' });
}

/** Grid outlines: a light green fill and a darker edge, from a GeoJSON source named `source`. */
export function addGridLayers(
  map: MapLibreMap,
  source: string,
  data: GeoJSON,
  look: { fillOpacity: number; lineWidth: number },
): void {
  map.addSource(source, { type: 'geojson', data });
  map.addLayer({
    id: 'grid-fill',
    type: 'fill',
    source,
    paint: { 'fill-color': '#52c41a', 'fill-opacity': look.fillOpacity },
  });
  map.addLayer({
    id: 'grid-line',
    type: 'line',
    source,
    paint: { 'line-color': '#389e0d', 'line-width': look.lineWidth },
  });
}

/** A box [west, south, east, north]. */
export type Box = [number, number, number, number];

/** `box` grown to hold a polygon's (or multipolygon's) every vertex; other geometries leave it as is. */
export function growBox(box: Box, geometry: Geometry | null | undefined): Box {
  if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return box;
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let grown = box;
  for (const [lng = 0, lat = 0] of rings.flat(2)) {
    grown = [
      Math.min(grown[0], lng),
      Math.min(grown[1], lat),
      Math.max(grown[2], lng),
      Math.max(grown[3], lat),
    ];
  }
  return grown;
}
