/**
 * A value loaded on first use and reloaded at most every `ttlMs`, for read-mostly data on hot paths
 * (catalogues, calendars, grid boundaries). Concurrent callers share one load. Each process keeps its
 * own copy, so a change made through another process shows here within `ttlMs`; a change made in
 * this process calls `invalidate()` and shows at once.
 */
export interface Cached<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export function cached<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): Cached<T> {
  let value: { at: number; v: T } | undefined;
  let pending: Promise<T> | undefined;
  return {
    async get() {
      if (value && now() - value.at < ttlMs) return value.v;
      pending ??= load().then((v) => { value = { at: now(), v }; return v; }).finally(() => { pending = undefined; });
      return pending;
    },
    invalidate() { value = undefined; },
  };
}

/** `cached` per key (e.g. per district), created on first use. */
export function cachedBy<K, T>(ttlMs: number, load: (key: K) => Promise<T>): { get(key: K): Promise<T>; invalidate(key?: K): void } {
  const entries = new Map<K, Cached<T>>();
  return {
    get(key) {
      let c = entries.get(key);
      if (!c) { c = cached(ttlMs, () => load(key)); entries.set(key, c); }
      return c.get();
    },
    invalidate(key) {
      if (key === undefined) entries.clear(); else entries.delete(key);
    },
  };
}
