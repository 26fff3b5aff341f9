import type { RequestEvent } from '@gongzhi/core';

/** What requests write to the audit log; every flow step is `request.<event>`, every SLA alarm `request.sla_<level>`. */
export type RequestsAuditAction =
  | 'request.create'
  | 'request.place'
  | 'request.handler.add'
  | 'request.handler.done'
  | 'request.extension.request'
  | 'request.extension.decide'
  | 'request.follow'
  | 'request.photo.add'
  | 'category.update'
  | 'category.install_defaults'
  | 'triage.retrain'
  | `request.${RequestEvent}`
  | `request.sla_${'yellow' | 'red'}`;

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<RequestsAuditAction, true> {}
}
