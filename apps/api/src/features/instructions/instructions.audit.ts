/** What instructions write to the audit log (ack and record inside work.repository's statements). */
export type InstructionsAuditAction =
  | 'instruction.issue'
  | 'instruction.close'
  | 'instruction.remind'
  | 'instruction.ack'
  | 'instruction.record';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<InstructionsAuditAction, true> {}
}
