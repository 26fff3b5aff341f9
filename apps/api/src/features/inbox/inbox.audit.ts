/**
 * What the inbox writes to the audit log: marking everything read (a mass change). Reading one message
 * is not audited: the message row keeps its first reading time itself, and a log row per tap would
 * drown the log's governance actions.
 */
export type InboxAuditAction = 'inbox.read_all';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<InboxAuditAction, true> {}
}
