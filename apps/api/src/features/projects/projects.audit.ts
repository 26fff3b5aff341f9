/** What community projects write to the audit log. */
export type ProjectsAuditAction =
  | 'project.rules'
  | 'project.propose'
  | 'project.cosign'
  | 'project.comment'
  | 'project.hearing'
  | 'project.round_create'
  | 'project.round_sort'
  | 'project.round_to_council'
  | 'project.vote_open'
  | 'project.ballot'
  | 'project.vote_close'
  | 'project.round_resolve'
  | 'project.round_publish';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<ProjectsAuditAction, true> {}
}
