/**
 * A tiny history router for the console at /console/: the path after the base and the query
 * string are the state, so a reload or a shared link opens the same screen with the same filters.
 */
import { useSyncExternalStore } from 'react';

/** Where the console is served. */
export const BASE = '/console';
const CHANGE = 'zhizhi:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The console path (e.g. `/cases/…`) and its query string, re-rendering on every navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(full, window.location.origin);
  const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : url.pathname;
  return { path, search: url.searchParams };
}

/** The browser address of a console path. */
export function hrefOf(path: string): string {
  return `${BASE}${path}`;
}

/** Goes to a console path (with its query string); `replace` keeps the history entry. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const href = hrefOf(path);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}
