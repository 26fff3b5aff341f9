/** What community projects' delivery (steps 5–7) writes to the audit log. */
export type DeliveryAuditAction =
  | 'project.milestones'
  | 'project.progress'
  | 'project.activity'
  | 'project.inspection'
  | 'project.concern_answer'
  | 'project.acceptance_open'
  | 'project.acceptance_outcome'
  | 'project.rate'
  | 'project.close';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<DeliveryAuditAction, true> {}
}
