/** Loading data from the API into a component: the value, the error, and a way to load it again. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Remote<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Runs `load` now and whenever `key` changes (a string naming what is loaded, e.g. an area id);
 * an answer that arrives after the key moved on is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> {
  const loader = useRef(load);
  loader.current = load;
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key or a reload() is what loads again
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    loader.current().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
