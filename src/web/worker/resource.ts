/**
 * Reading through the cache: a screen first shows the last synced copy, then — when there is signal —
 * the server's answer, which is saved for the next time there is none (shared/cached-resource.ts).
 */
import { type Resource, useCachedResource as useSharedCachedResource } from '../shared/cached-resource.ts';
import { workerCache } from './cache.ts';
import { useOnline } from './sync.ts';

export type { Resource };

/**
 * Loads `key` from the cache, then from `fetcher` when online. Refreshing `queryKeys.offline(key)`
 * (e.g. after the outbox sent something, sync.ts) loads it again.
 */
export function useCachedResource<T>(key: string | undefined, fetcher: () => Promise<T>): Resource<T> {
  return useSharedCachedResource(workerCache, key, fetcher, { online: useOnline() });
}
