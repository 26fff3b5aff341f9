import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { fieldErrors, useNotifyError } from '../components/useNotifyError.ts';
import { ApiError } from './client.ts';

/** Options of {@link useApiMutation}. */
export interface ApiMutationOptions<V, R> {
  /** One typed client call (`unwrap(gz.POST(…))`). */
  mutationFn: (values: V) => Promise<R>;
  /** Query keys the change makes stale; they are refetched before `onSuccess` runs. */
  invalidates?: QueryKey[];
  onSuccess?: (result: R, values: V) => void;
  /** Where field problems of a VALIDATION_FAILED answer are shown. */
  form?: FormInstance;
  /**
   * The caller shows the failure itself, in place (read from `mutation.error`), because a passing
   * toast is too quick for what it says; field problems still go under the form's fields.
   */
  inPlace?: boolean;
}

/**
 * A write through TanStack Query, shaped as every page needs it: `isPending` for the button's spinner
 * (no hand-kept busy flag), the stale queries refetched, and a failure shown by `useNotifyError`.
 */
export function useApiMutation<V = void, R = unknown>(opts: ApiMutationOptions<V, R>) {
  const qc = useQueryClient();
  const notify = useNotifyError();
  const { mutationFn, invalidates = [], onSuccess, form, inPlace } = opts;
  return useMutation<R, unknown, V>({
    mutationFn,
    // Returning the refetch keeps the mutation pending until the page shows the new state.
    onSuccess: async (result, values) => {
      await Promise.all(invalidates.map((queryKey) => qc.invalidateQueries({ queryKey })));
      onSuccess?.(result, values);
    },
    onError: (e) => {
      if (!inPlace) notify(e, form);
      else if (form && e instanceof ApiError && !e.isAuthLoss) form.setFields(fieldErrors(e));
    },
  });
}
