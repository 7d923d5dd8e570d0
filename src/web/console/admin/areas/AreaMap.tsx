/**
 * The map view of an area (loaded on demand: MapLibre is big): its children's polygons over a
 * plain background (there is no basemap), the area's own outline, names on each child, the view
 * fitted to the area's bounds. Clicking a child opens it.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { Alert } from 'antd';
import {
  type ExpressionSpecification,
  type GeoJSONSource,
  Map as MapLibreMap,
  Marker,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { type Area, type AreaDetail, loadArea, loadChildren } from '../../../shared/resources/areas.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { boundsOf, featureCollection, labelPoint, type MapShape } from './map-geometry.ts';

setWorkerUrl(workerUrl);

const SHADES = ['#91caff', '#b7eb8f', '#ffd591', '#d3adf7', '#87e8de', '#ffadd2'];
/** Fill colour from each feature's `shade` (0–5), so neighbouring children differ. */
const SHADE_BY_INDEX: ExpressionSpecification = [
  'match',
  ['get', 'shade'],
  0,
  SHADES[0] as string,
  ...SHADES.slice(1).flatMap((colour, i) => [i + 1, colour]),
  '#91caff',
];

/** A style with no tiles at all: a plain background, then the area layers added on load. */
const PLAIN_STYLE = {
  version: 8 as const,
  sources: {},
  layers: [{ id: 'background', type: 'background' as const, paint: { 'background-color': '#f5f3ee' } }],
};

interface Props {
  area: Area;
  onOpen(area: Area): void;
}

interface Loaded {
  detail: AreaDetail;
  children: Area[];
}

/** The MapLibre map of one area and its children. */
export function AreaMap({ area, onOpen }: Props) {
  const { t, nameOf, lang } = useAdminI18n();
  const container = useRef<HTMLElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const markers = useRef<Marker[]>([]);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const childrenRef = useRef<Area[]>([]);
  const [loaded, setLoaded] = useState<Loaded>();
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string>();

  // Create the map once.
  useEffect(() => {
    if (!container.current) return;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: container.current,
        style: PLAIN_STYLE,
        center: [108.84, 38.6],
        zoom: 7,
        attributionControl: false,
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    instance.on('load', () => {
      const empty = featureCollection([]);
      instance.addSource('children', { type: 'geojson', data: empty });
      instance.addSource('selected', { type: 'geojson', data: empty });
      instance.addLayer({
        id: 'children-fill',
        type: 'fill',
        source: 'children',
        paint: {
          'fill-color': SHADE_BY_INDEX,
          'fill-opacity': 0.55,
        },
      });
      instance.addLayer({
        id: 'children-line',
        type: 'line',
        source: 'children',
        paint: { 'line-color': '#1f3b5c', 'line-width': 1 },
      });
      instance.addLayer({
        id: 'selected-line',
        type: 'line',
        source: 'selected',
        paint: { 'line-color': '#cf1322', 'line-width': 2.5 },
      });
      instance.on('click', 'children-fill', (event) => {
        const id = event.features?.[0]?.properties?.id;
        const child = childrenRef.current.find((c) => c.id === id);
        if (child) openRef.current(child);
      });
      instance.on('mouseenter', 'children-fill', () => {
        instance.getCanvas().style.cursor = 'pointer';
      });
      instance.on('mouseleave', 'children-fill', () => {
        instance.getCanvas().style.cursor = '';
      });
      setReady(true);
    });
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
    };
  }, []);

  // Load the selected area and its children's polygons.
  useEffect(() => {
    let current = true;
    Promise.all([loadArea(area.id), loadChildren(area.id, true)]).then(
      ([detail, children]) => current && setLoaded({ detail, children }),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [area.id]);

  // Draw them and fit the view to the selected area (again only when the data or language change).
  // biome-ignore lint/correctness/useExhaustiveDependencies: nameOf follows lang
  useEffect(() => {
    const instance = map.current;
    if (!instance || !ready || !loaded) return;
    const shapes: MapShape[] = loaded.children
      .filter((c) => c.polygon)
      .map((c) => ({ id: c.id, name: nameOf(c), geometry: c.polygon as NonNullable<Area['polygon']> }));
    childrenRef.current = loaded.children;
    const own = loaded.detail.polygon
      ? [{ id: loaded.detail.id, name: nameOf(loaded.detail), geometry: loaded.detail.polygon }]
      : [];
    (instance.getSource('children') as GeoJSONSource).setData(featureCollection(shapes));
    (instance.getSource('selected') as GeoJSONSource).setData(featureCollection(own));
    for (const marker of markers.current) marker.remove();
    markers.current = shapes.flatMap((shape) => {
      const at = labelPoint(shape.geometry);
      if (!at) return [];
      const label = document.createElement('div');
      label.className = 'admin-map-label';
      label.textContent = shape.name;
      return [new Marker({ element: label }).setLngLat(at).addTo(instance)];
    });
    const bounds = boundsOf(own.length > 0 ? own.map((s) => s.geometry) : shapes.map((s) => s.geometry));
    if (bounds) instance.fitBounds(bounds, { padding: 24, duration: 0 });
  }, [loaded, ready, lang]);

  return (
    <div>
      {error && <Alert type="error" title={t('areas.map.failed', { message: error })} />}
      <section
        ref={container}
        aria-label={t('areas.map.label', { name: nameOf(area) })}
        data-testid="area-map"
        data-shapes={loaded && ready ? loaded.children.filter((c) => c.polygon).length : undefined}
        style={{ height: 520, width: '100%', borderRadius: 6, overflow: 'hidden' }}
      ></section>
      <style>{MAP_LABEL_CSS}</style>
    </div>
  );
}

const MAP_LABEL_CSS = `.admin-map-label{font-size:12px;color:#1f3b5c;background:rgba(255,255,255,.75);padding:0 4px;border-radius:3px;pointer-events:none;white-space:nowrap}`;
