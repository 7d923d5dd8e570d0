/**
 * A small map of where a case is (issue 7 #11): its grid's polygon over a plain background (there is
 * no basemap, so it draws offline too) and a pin at the reported point. MapLibre is big: apps load
 * this module lazily (`lazyCaseMap`), so it is fetched only when a case page shows a location.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Geometry } from 'geojson';
import { type LngLatBoundsLike, Map as MapLibreMap, Marker, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';

setWorkerUrl(workerUrl);

/** A WGS-84 point. */
export interface MapPoint {
  lng: number;
  lat: number;
}

export interface CaseMapProps {
  point: MapPoint;
  /** The case's grid outline, when known. */
  polygon?: Geometry | null | undefined;
  /** What the map shows, for screen readers (e.g. "location of case 20261201-00003"). */
  label: string;
  /** Height in pixels (default 200). */
  height?: number;
}

/** The box around a polygon and a point. */
function boundsOf(point: MapPoint, polygon: Geometry | null | undefined): LngLatBoundsLike {
  let box: [number, number, number, number] = [point.lng, point.lat, point.lng, point.lat];
  if (polygon && (polygon.type === 'Polygon' || polygon.type === 'MultiPolygon')) {
    const rings = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
    for (const [lng = 0, lat = 0] of rings.flat(2)) {
      box = [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
    }
  }
  return box;
}

/** The map: grid outline and pin, fitted to both. */
export function CaseMap(props: CaseMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const { lng, lat } = props.point;
  const { polygon } = props;

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef2e6' } }],
      },
      center: [lng, lat],
      zoom: 12,
      attributionControl: false,
      interactive: true,
    });
    new Marker({ color: '#d4380d' }).setLngLat([lng, lat]).addTo(map);
    map.on('load', () => {
      if (polygon) {
        map.addSource('grid', {
          type: 'geojson',
          data: { type: 'Feature', properties: {}, geometry: polygon },
        });
        map.addLayer({
          id: 'grid-fill',
          type: 'fill',
          source: 'grid',
          paint: { 'fill-color': '#52c41a', 'fill-opacity': 0.15 },
        });
        map.addLayer({
          id: 'grid-line',
          type: 'line',
          source: 'grid',
          paint: { 'line-color': '#389e0d', 'line-width': 1.5 },
        });
        map.fitBounds(boundsOf({ lng, lat }, polygon), { padding: 24, duration: 0, maxZoom: 15 });
      }
      container.current?.setAttribute('data-loaded', 'true');
    });
    return () => map.remove();
  }, [lng, lat, polygon]);

  return (
    <div
      ref={container}
      className="case-map"
      role="img"
      aria-label={props.label}
      data-testid="case-map"
      data-lng={lng}
      data-lat={lat}
      style={{ width: '100%', height: props.height ?? 200, borderRadius: 8, overflow: 'hidden' }}
    />
  );
}
