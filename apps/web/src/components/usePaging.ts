import { useCallback, useState } from 'react';

/** Page state for a server-paged list: what the API wants (limit, offset) and what antd shows. */
export function usePaging(initialSize = 20) {
  const [current, setCurrent] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const onChange = useCallback((page: number, size: number) => {
    // A new page size makes the old page number meaningless; start over.
    setCurrent(size === pageSize ? page : 1);
    setPageSize(size);
  }, [pageSize]);
  const reset = useCallback(() => setCurrent(1), []);
  return { current, pageSize, onChange, reset, limit: pageSize, offset: (current - 1) * pageSize };
}
