/**
 * Reading through the offline cache: a screen first shows the last synced copy, then — when there
 * is signal — the server's answer, which is saved for the next time there is none.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';
import type { OfflineCache } from './offline-cache.ts';

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

/**
 * Loads `key` from `cache`, then from `fetcher` when `online`. A change of `refresh` (e.g. after an
 * outbox sent something) loads it again.
 */
export function useCachedResource<T>(
  cache: OfflineCache,
  key: string | undefined,
  fetcher: () => Promise<T>,
  options: { online: boolean; refresh?: unknown },
): Resource<T> {
  const { online, refresh = 0 } = options;
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({
    value: undefined,
    savedAt: undefined,
    fresh: false,
    loading: true,
    error: undefined,
  });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the fetcher is recreated every render; key, online, refresh and attempt say when to load
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    (async () => {
      const cached = await cache.read<T>(key);
      if (cancelled) return;
      if (cached) setState((s) => ({ ...s, value: cached.value, savedAt: cached.savedAt }));
      if (!online) {
        setState((s) => ({ ...s, fresh: false, loading: false }));
        return;
      }
      try {
        const value = await fetcher();
        await cache.write(key, value);
        if (!cancelled)
          setState({
            value,
            savedAt: new Date().toISOString(),
            fresh: true,
            loading: false,
            error: undefined,
          });
      } catch (err) {
        if (cancelled) return;
        setState((s) => ({
          ...s,
          fresh: false,
          loading: false,
          error: err instanceof ApiError ? err : undefined,
        }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [cache, key, online, refresh, attempt]);

  return { ...state, reload };
}
