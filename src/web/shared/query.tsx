/**
 * Server state in the web apps through TanStack Query: one client per app, and the small view of a
 * query the pages read (`data`, `error`, `loading`, `reload`). Query keys live in query-keys.ts;
 * a mutation refreshes what it changed with `useRefresh()(key)` instead of counting rounds.
 */
import {
  keepPreviousData,
  QueryClient,
  QueryClientProvider,
  type QueryKey,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type ReactNode, useCallback } from 'react';

/**
 * The apps' query client. No automatic retries or refetch on focus: a failed load shows its error
 * at once (as before) and a page changes only when the person or a mutation asks.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/** Gives the components below it the app's query client. */
export function QueryProvider(props: { client: QueryClient; children: ReactNode }) {
  return <QueryClientProvider client={props.client}>{props.children}</QueryClientProvider>;
}

/** What a page reads of one query. */
export interface Remote<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True while a load (the first or a refresh) is under way. */
  loading: boolean;
  reload(): void;
}

/** Loads `load` under `key` (from query-keys.ts); `enabled: false` waits (e.g. for an id). */
export function useApiQuery<T>(key: QueryKey, load: () => Promise<T>, enabled = true): Remote<T> {
  // The previous answer stays on screen while another key loads (paging, another area), as before.
  const query = useQuery({ queryKey: key, queryFn: load, enabled, placeholderData: keepPreviousData });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: query.data,
    error: query.error ?? undefined,
    loading: query.isFetching || (enabled && query.isPending),
    reload,
  };
}

/** Marks every query under `key` stale and loads again those on screen (after a mutation). */
export function useRefresh(): (key: QueryKey) => Promise<void> {
  const client = useQueryClient();
  return useCallback((key: QueryKey) => client.invalidateQueries({ queryKey: key }), [client]);
}
