import { useMutation, useQueryClient } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import type { CreateRequestBody } from '../../api/types.ts';
import { uploadPhotos } from './photos.tsx';
import { requestKeys } from './requests.queries.ts';

/**
 * Files a request, then attaches its photos one by one (the API attaches photos to a request that
 * exists). The mutation's `data` is what the "done" screen shows: the request and any photo that did
 * not go through — a failed photo never loses the request itself.
 */
export function useFileRequest(onError?: (e: unknown) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, photos }: { body: CreateRequestBody; photos: readonly File[] }) => {
      const created = await unwrap(gz.POST('/api/v1/requests', { body }));
      const photoFailures = photos.length ? (await uploadPhotos(created.id, photos)).failed : [];
      return { created, photoFailures };
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: requestKeys.lists }),
    onError,
  });
}
