/**
 * Reading through the offline cache: a screen first shows the last synced copy, then — when there
 * is signal — the server's answer, which is saved for the next time there is none. Both are
 * TanStack queries under `queryKeys.offline(key)`, so refreshing that key (e.g. after the outbox
 * sent something) loads the resource again.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from './api.ts';
import type { Cached, OfflineCache } from './offline-cache.ts';
import { queryKeys } from './query-keys.ts';

/** What a screen knows about one resource. */
export interface Resource<T> {
  value: T | undefined;
  /** When the shown value was synced with the server. */
  savedAt: string | undefined;
  /** True when the value came from the server just now. */
  fresh: boolean;
  loading: boolean;
  /** The server's refusal (e.g. 403, 404); network failures are not errors, the cache stands. */
  error: ApiError | undefined;
  reload(): void;
}

/** One load: the server's answer (fresh) or, without signal, the last synced copy (if any). */
interface Loaded<T> {
  value: T | undefined;
  savedAt: string | undefined;
  fresh: boolean;
}

/** The server's answer, saved to `cache`; without signal, or when the network fails, the cached copy. */
async function readThrough<T>(
  cache: OfflineCache,
  key: string,
  fetcher: () => Promise<T>,
  online: boolean,
): Promise<Loaded<T>> {
  const stale = async (): Promise<Loaded<T>> => {
    const cached = await cache.read<T>(key);
    return { value: cached?.value, savedAt: cached?.savedAt, fresh: false };
  };
  if (!online) return stale();
  try {
    const value = await fetcher();
    await cache.write(key, value);
    return { value, savedAt: new Date().toISOString(), fresh: true };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    return stale();
  }
}

/**
 * Loads `key` from `cache`, then from `fetcher` when `online`. Queries are dropped once no screen
 * shows them (`gcTime: 0`), so a screen opened again starts from the cache, as the first time.
 */
export function useCachedResource<T>(
  cache: OfflineCache,
  key: string | undefined,
  fetcher: () => Promise<T>,
  options: { online: boolean },
): Resource<T> {
  const { online } = options;
  const enabled = key !== undefined && key !== '';
  const base = queryKeys.offline(key ?? '');
  // The last synced copy, shown while the server's answer is on its way.
  const saved = useQuery({
    queryKey: [...base, 'saved'],
    queryFn: async (): Promise<Cached<T> | null> => (await cache.read<T>(key ?? '')) ?? null,
    enabled,
    gcTime: 0,
  });
  const loaded = useQuery({
    queryKey: [...base, online ? 'online' : 'offline'],
    queryFn: () => readThrough(cache, key ?? '', fetcher, online),
    enabled,
    gcTime: 0,
    // When the signal comes or goes, the shown value stays until the new load has answered.
    placeholderData: keepPreviousData,
  });
  const { refetch } = loaded;
  const reload = useCallback(() => void refetch(), [refetch]);
  const copy = saved.data ?? undefined;
  const answer = loaded.data;
  return {
    value: answer?.value ?? copy?.value,
    savedAt: answer ? (answer.savedAt ?? copy?.savedAt) : copy?.savedAt,
    fresh: answer?.fresh ?? false,
    loading: loaded.isPending,
    error: loaded.error instanceof ApiError ? loaded.error : undefined,
    reload,
  };
}
