/** What user administration writes to the audit log. */
export type UsersAuditAction =
  | 'user.create'
  | 'user.update'
  | 'user.grant.add'
  | 'user.grant.remove'
  | 'account.signup'
  | 'account.link'
  | 'account.unlink'
  | 'account.link_request.reject';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<UsersAuditAction, true> {}
}
