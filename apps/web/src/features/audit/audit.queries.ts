/** The audit trail's query (read-only: nothing in the console writes audit rows directly). */
import { queryOptions } from '@tanstack/react-query';
import { gz, unwrap } from '../../api/client.ts';
import type { PageParams } from '../../components/usePaging.ts';

/** The audit trail's filters as the API takes them, and the page. */
export type AuditQuery = { actorId?: string; action?: string; subjectType?: string; subjectId?: string; from?: string; to?: string } & PageParams;

/** Query keys of the audit trail. */
export const auditKeys = {
  all: ['audit'] as const,
  page: (q: AuditQuery) => ['audit', q] as const,
};

/** A page of the audit trail, newest first. */
export function auditQuery(q: AuditQuery) {
  return queryOptions({
    queryKey: auditKeys.page(q),
    queryFn: ({ signal }) => unwrap(gz.GET('/api/v1/audit', { params: { query: q }, signal })),
  });
}
