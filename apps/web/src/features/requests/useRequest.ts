import { useQuery } from '@tanstack/react-query';
import { requestQuery, useReplaceRequest } from './requests.queries.ts';

/**
 * A request's detail, which every step's answer replaces at once in the query cache (the API returns
 * the request as it now stands), so the page never shows the old buttons while a reload is on its way.
 */
export function useRequest(id: string | undefined) {
  const q = useQuery({ ...requestQuery(id ?? ''), enabled: Boolean(id) });
  const replace = useReplaceRequest();
  // Another request's copy kept on screen while this one loads would show the wrong buttons.
  const data = q.data && q.data.id === id ? q.data : undefined;
  return { data, error: q.error, reload: () => void q.refetch(), replace };
}
