import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type Query } from './client.ts';

/** What {@link useApi} returns. */
export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads again with the same path and query (after a change was saved). */
  reload: () => void;
}

/**
 * Loads `GET path?query` and reloads when either changes. A null path waits (e.g. until a region is
 * chosen). Older answers that arrive late are dropped, so fast filter typing never shows stale rows.
 */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // Serialise the query so callers can pass a fresh object literal on every render.
  const key = JSON.stringify(query ?? {});
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    const call = ++latest.current;
    setLoading(true);
    api
      .get<T>(path, JSON.parse(key) as Query, ctrl.signal)
      .then((d) => {
        if (call !== latest.current) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (call !== latest.current || (e as Error).name === 'AbortError') return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
      })
      .finally(() => {
        if (call === latest.current) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
