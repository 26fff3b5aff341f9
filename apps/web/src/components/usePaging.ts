import { useCallback, useState } from 'react';

/**
 * Page state for a server-paged list: what the API wants (limit, offset) and what antd shows.
 * `resetKey` names what the list shows (its filters): when it changes, the list starts again at
 * page 1 — derived during render, so no effect has to reset it after the fact.
 */
export function usePaging(initialSize = 20, resetKey = '') {
  const [page, setPage] = useState({ key: resetKey, current: 1 });
  const [pageSize, setPageSize] = useState(initialSize);
  const current = page.key === resetKey ? page.current : 1;
  const onChange = useCallback((next: number, size: number) => {
    // A new page size makes the old page number meaningless; start over.
    setPage({ key: resetKey, current: size === pageSize ? next : 1 });
    setPageSize(size);
  }, [pageSize, resetKey]);
  const reset = useCallback(() => setPage({ key: resetKey, current: 1 }), [resetKey]);
  return { current, pageSize, onChange, reset, limit: pageSize, offset: (current - 1) * pageSize };
}

/** The paging parameters a list endpoint takes. */
export interface PageParams {
  limit: number;
  offset: number;
}
