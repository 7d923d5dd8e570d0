/** A tiny hash router: `#/report`, `#/cases`, `#/cases/<id>`, `#/me`. */
import { useEffect, useState } from 'react';

export type Route = { page: 'report' } | { page: 'cases' } | { page: 'case'; id: string } | { page: 'me' };

/** The route a location hash names (unknown hashes open the report page). */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'cases' && parts[1]) return { page: 'case', id: decodeURIComponent(parts[1]) };
  if (parts[0] === 'cases') return { page: 'cases' };
  if (parts[0] === 'me') return { page: 'me' };
  return { page: 'report' };
}

/** The hash of a route. */
export function hrefOf(route: Route): string {
  return route.page === 'case' ? `#/cases/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
