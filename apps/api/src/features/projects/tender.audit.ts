/** What tendering community projects writes to the audit log. */
export type TenderAuditAction =
  | 'project.tender_call'
  | 'project.tender_bid'
  | 'project.tender_panel'
  | 'project.tender_award'
  | 'project.tender_effective'
  | 'project.tender_withdrawn'
  | 'project.residents_implement';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<TenderAuditAction, true> {}
}
