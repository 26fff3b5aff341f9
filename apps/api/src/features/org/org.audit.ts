/** What regions, organisations, people, import and export write to the audit log. */
export type OrgAuditAction =
  | 'region.create'
  | 'region.update'
  | 'region.move'
  | 'region.retire'
  | 'organisation.create'
  | 'building.create'
  | 'unit.create'
  | 'unit.owner.add'
  | 'household.create'
  | 'resident.create'
  | 'resident.update'
  | 'resident.reveal'
  | 'import.commit'
  | 'residents.export';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<OrgAuditAction, true> {}
}
