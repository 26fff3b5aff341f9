import { useEffect, useState } from 'react';
import { useApi } from '../../api/useApi.ts';
import type { RequestDetail } from '../../api/types.ts';

/**
 * A request's detail, which every step's answer replaces at once (the API returns the request as it
 * now stands), so the page never shows the old buttons while a reload is on its way.
 */
export function useRequest(id: string | undefined) {
  const state = useApi<RequestDetail>(id ? `/api/v1/requests/${id}` : null);
  const [fresh, setFresh] = useState<RequestDetail>();
  // A newer load (after reload or a new id) wins over an older step's answer.
  useEffect(() => setFresh(undefined), [state.data]);
  return { ...state, data: fresh && fresh.id === id ? fresh : state.data, replace: setFresh };
}
