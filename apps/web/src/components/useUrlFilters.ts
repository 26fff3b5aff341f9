import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** A filter's value as a page sees it: text (absent = undefined) or a switch. */
export type FilterValue = string | boolean | undefined;

/** The filters as read from the URL: a switch is a boolean, anything else a string or its default. */
export type Filters<D extends Record<string, FilterValue>> = { [K in keyof D]: D[K] };

function parseSpec(spec: string): [string, FilterValue][] {
  return (JSON.parse(spec) as [string, FilterValue | null][]).map(([k, v]) => [k, v ?? undefined]);
}

/**
 * A list page's filters, kept in the URL so a filtered list can be bookmarked or linked (the audit
 * trail, the work queue, the resident search). `defaults` names every filter and its value when the
 * URL does not mention it; a boolean default makes it a switch (`?mine=true`). Setting a filter back
 * to its default, or to '' / undefined / false, removes it from the URL. The URL is replaced rather
 * than pushed, so Back leaves the page instead of undoing filters one by one.
 */
export function useUrlFilters<D extends Record<string, FilterValue>>(defaults: D) {
  const [params, setParams] = useSearchParams();
  // The defaults are usually a literal made on every render: compare them by content. Entries, not
  // the object, so that filters whose default is undefined keep their key (as null).
  const spec = JSON.stringify(Object.entries(defaults));
  const filters = useMemo(() => {
    const out: Record<string, FilterValue> = {};
    for (const [k, def] of parseSpec(spec)) {
      const raw = params.get(k);
      out[k] = raw === null ? def : typeof def === 'boolean' ? raw === 'true' : raw;
    }
    return out as Filters<D>;
  }, [params, spec]);

  const setFilters = useCallback((changes: Partial<{ [K in keyof D]: FilterValue }>) => {
    const defs = new Map(parseSpec(spec));
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '' || v === false || v === defs.get(k)) next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    }, { replace: true });
  }, [setParams, spec]);

  const setFilter = useCallback(<K extends keyof D>(key: K, value: FilterValue) => {
    setFilters({ [key]: value } as Partial<{ [P in keyof D]: FilterValue }>);
  }, [setFilters]);

  /** A stable string of the current filters, e.g. to send the pager back to page 1 when they change. */
  const key = JSON.stringify(filters);
  return { filters, setFilter, setFilters, key, params };
}
