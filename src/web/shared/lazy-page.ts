/**
 * A page component loaded on first use (code splitting by route): `React.lazy` wants a module with
 * a default export, our modules export by name, so the loader returns the component itself.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** Wraps `load` (e.g. `() => import('./X.tsx').then((m) => m.X)`) as a lazily loaded component. */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }));
}
