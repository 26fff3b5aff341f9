import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useNotifyError } from '../components/useNotifyError.ts';

/** Options of {@link useApiMutation}. */
export interface ApiMutationOptions<V, R> {
  /** One typed client call (`unwrap(gz.POST(…))`). */
  mutationFn: (values: V) => Promise<R>;
  /** Query keys the change makes stale; they are refetched before `onSuccess` runs. */
  invalidates?: QueryKey[];
  onSuccess?: (result: R, values: V) => void;
  /** Where field problems of a VALIDATION_FAILED answer are shown. */
  form?: FormInstance;
}

/**
 * A write through TanStack Query, shaped as every page needs it: `isPending` for the button's spinner
 * (no hand-kept busy flag), the stale queries refetched, and a failure shown by `useNotifyError`.
 */
export function useApiMutation<V = void, R = unknown>(opts: ApiMutationOptions<V, R>) {
  const qc = useQueryClient();
  const notify = useNotifyError();
  const { mutationFn, invalidates = [], onSuccess, form } = opts;
  return useMutation<R, unknown, V>({
    mutationFn,
    // Returning the refetch keeps the mutation pending until the page shows the new state.
    onSuccess: async (result, values) => {
      await Promise.all(invalidates.map((queryKey) => qc.invalidateQueries({ queryKey })));
      onSuccess?.(result, values);
    },
    onError: (e) => notify(e, form),
  });
}
