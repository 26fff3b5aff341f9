/** What the owners' assembly writes to the audit log. */
export type AssemblyAuditAction =
  | 'assembly.create'
  | 'assembly.open'
  | 'assembly.close'
  | 'assembly.ballot.cast'
  | 'assembly.ballot.paper'
  | 'assembly.ballot.paper_verify'
  | 'assembly.ballot.paper_reject';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<AssemblyAuditAction, true> {}
}
