import { gz, unwrap } from '../../api/client.ts';
import type { ActBody, RequestDetail } from '../../api/types.ts';

/** Takes one step on a request and returns it as it now stands (with its new `allowed`). */
export function act(id: string, body: ActBody): Promise<RequestDetail> {
  return unwrap(gz.POST('/api/v1/requests/{id}/events', { params: { path: { id } }, body }));
}
