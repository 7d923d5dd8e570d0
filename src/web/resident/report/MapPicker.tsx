/**
 * A pin on a map of the grid polygons (no basemap: the grids over a plain background). Loaded
 * lazily, only when the person asks for the map, so MapLibre is not part of the first load.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { api, call } from '../../shared/api.ts';
import { addGridLayers, type Box, growBox, PLAIN_STYLE, pin } from '../../shared/plain-map.ts';
import type { GpsPoint } from './exif.ts';

const GRID_KINDS = ['unit_grid', 'community_grid', 'enterprise_grid'] as const;

/** The grid polygons as one GeoJSON collection, and the box around them. */
async function loadGrids() {
  const lists = await Promise.all(
    GRID_KINDS.map((kind) =>
      call(api.GET('/api/v1/areas', { params: { query: { kind, withPolygon: true } } })),
    ),
  );
  const features: Feature[] = [];
  let box: Box = [180, 90, -180, -90];
  for (const area of lists.flat()) {
    if (!area.polygon) continue;
    const polygon = area.polygon as Geometry;
    features.push({ type: 'Feature', properties: { name: area.nameZh }, geometry: polygon });
    box = growBox(box, polygon);
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
      style: PLAIN_STYLE,
      center: start ? [start.lng, start.lat] : [108.85, 38.6],
      zoom: start ? 11 : 8,
      attributionControl: false,
    });
    const marker = pin();
    if (start) marker.setLngLat([start.lng, start.lat]).addTo(map);
    map.on('click', (event) => {
      marker.setLngLat(event.lngLat).addTo(map);
      onPick.current({ lng: event.lngLat.lng, lat: event.lngLat.lat });
    });
    map.on('load', () => {
      loadGrids()
        .then(({ collection, box }) => {
          addGridLayers(map, 'grids', collection, { fillOpacity: 0.12, lineWidth: 1 });
          if (!start && collection.features.length > 0) map.fitBounds(box, { padding: 16, duration: 0 });
        })
        .catch(() => undefined);
    });
    return () => map.remove();
  }, []);

  return <div ref={container} className="map" role="application" aria-label={props.label} />;
}
