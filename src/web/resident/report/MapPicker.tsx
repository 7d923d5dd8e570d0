/**
 * A pin on a map of the grid polygons (no basemap: the grids over a plain background). Loaded
 * lazily, only when the person asks for the map, so MapLibre is not part of the first load.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { type LngLatBoundsLike, Map as MapLibreMap, Marker, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { api, call } from '../../shared/api.ts';
import type { GpsPoint } from './exif.ts';

setWorkerUrl(workerUrl);

const GRID_KINDS = ['unit_grid', 'community_grid', 'enterprise_grid'] as const;

/** The grid polygons as one GeoJSON collection, and the box around them. */
async function loadGrids() {
  const lists = await Promise.all(
    GRID_KINDS.map((kind) =>
      call(api.GET('/api/v1/areas', { params: { query: { kind, withPolygon: true } } })),
    ),
  );
  const features: Feature[] = [];
  let box: [number, number, number, number] = [180, 90, -180, -90];
  for (const area of lists.flat()) {
    if (!area.polygon) continue;
    features.push({ type: 'Feature', properties: { name: area.nameZh }, geometry: area.polygon as Geometry });
    const rings = area.polygon.type === 'Polygon' ? [area.polygon.coordinates] : area.polygon.coordinates;
    for (const [lng = 0, lat = 0] of rings.flat(2)) {
      box = [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
    }
  }
  return { collection: { type: 'FeatureCollection', features } as FeatureCollection, box };
}

export function MapPicker(props: { value: GpsPoint | null; onPick(point: GpsPoint): void; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const initial = useRef(props.value);

  useEffect(() => {
    if (!container.current) return;
    const start = initial.current;
    const map = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2e6' } }],
      },
      center: start ? [start.lng, start.lat] : [108.85, 38.6],
      zoom: start ? 11 : 8,
      attributionControl: false,
    });
    const marker = new Marker({ color: '#d4380d' });
    if (start) marker.setLngLat([start.lng, start.lat]).addTo(map);
    map.on('click', (event) => {
      marker.setLngLat(event.lngLat).addTo(map);
      onPick.current({ lng: event.lngLat.lng, lat: event.lngLat.lat });
    });
    map.on('load', () => {
      loadGrids()
        .then(({ collection, box }) => {
          map.addSource('grids', { type: 'geojson', data: collection });
          map.addLayer({
            id: 'grid-fill',
            type: 'fill',
            source: 'grids',
            paint: { 'fill-color': '#52c41a', 'fill-opacity': 0.12 },
          });
          map.addLayer({
            id: 'grid-line',
            type: 'line',
            source: 'grids',
            paint: { 'line-color': '#389e0d', 'line-width': 1 },
          });
          if (!start && collection.features.length > 0)
            map.fitBounds(box as LngLatBoundsLike, { padding: 16, duration: 0 });
        })
        .catch(() => undefined);
    });
    return () => map.remove();
  }, []);

  return <div ref={container} className="map" role="application" aria-label={props.label} />;
}
