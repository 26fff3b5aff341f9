/** What sign-in, tokens and the first administrator write to the audit log. */
export type AuthAuditAction =
  | 'session.create'
  | 'session.delete'
  | 'session.delete_all'
  | 'token.create'
  | 'token.revoke'
  | 'user.bootstrap_admin'
  | 'password.reset'
  | 'password.change';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<AuthAuditAction, true> {}
}
