/**
 * A tiny hash router: `#/` today, `#/case/<id>`, `#/report`, `#/sync`. Hash routes keep every
 * page on the one precached index.html, so the app opens offline on any page.
 */
import { useEffect, useState } from 'react';

export type Route = { page: 'today' } | { page: 'case'; id: string } | { page: 'report' } | { page: 'sync' };

/** Reads a route from a location hash. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'case' && parts[1]) return { page: 'case', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'report') return { page: 'report' };
  if (parts[0] === 'sync') return { page: 'sync' };
  return { page: 'today' };
}

/** The hash of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/case/${encodeURIComponent(route.id)}`;
    case 'today':
      return '#/';
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseRoute(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
