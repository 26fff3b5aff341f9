import { api } from '../../api/client.ts';
import type { ActBody, RequestDetail } from '../../api/types.ts';

/** Takes one step on a request and returns it as it now stands (with its new `allowed`). */
export function act(id: string, body: ActBody): Promise<RequestDetail> {
  return api.post<RequestDetail>(`/api/v1/requests/${id}/events`, body);
}
