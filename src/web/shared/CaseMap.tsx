/**
 * A small map of where a case is (issue 7 #11): its grid's polygon over a plain background (there is
 * no basemap, so it draws offline too) and a pin at the reported point. MapLibre is big: apps load
 * this module lazily (`lazyCaseMap`), so it is fetched only when a case page shows a location.
 */
import type { Geometry } from 'geojson';
import { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { addGridLayers, growBox, PLAIN_STYLE, pin } from './plain-map.ts';

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

/** The map: grid outline and pin, fitted to both. */
export function CaseMap(props: CaseMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const { lng, lat } = props.point;
  const { polygon } = props;

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: PLAIN_STYLE,
      center: [lng, lat],
      zoom: 12,
      attributionControl: false,
      interactive: true,
    });
    pin().setLngLat([lng, lat]).addTo(map);
    map.on('load', () => {
      if (polygon) {
        addGridLayers(
          map,
          'grid',
          { type: 'Feature', properties: {}, geometry: polygon },
          { fillOpacity: 0.15, lineWidth: 1.5 },
        );
        map.fitBounds(growBox([lng, lat, lng, lat], polygon), { padding: 24, duration: 0, maxZoom: 15 });
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
