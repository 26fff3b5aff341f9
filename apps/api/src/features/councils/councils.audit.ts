/** What councils write to the audit log. */
export type CouncilsAuditAction =
  | 'council.create'
  | 'council.seat_add'
  | 'council.seat_vacate'
  | 'council.by_election'
  | 'council.agenda_add'
  | 'council.cosign'
  | 'council.meeting_notice'
  | 'council.sign_in'
  | 'council.meeting_close'
  | 'council.minutes_draft'
  | 'council.minutes_correct'
  | 'council.minutes_approve'
  | 'council.motion'
  | 'council.vote'
  | 'council.show_of_hands'
  | 'council.show_of_hands_confirm'
  | 'council.motion_close'
  | 'council.publish'
  | 'council.object'
  | 'council.objection_answer'
  | 'council.resolution_returned'
  | 'council.resolution_effective';

// Adds these actions to the platform's list, so audit() accepts them (see platform/audit/audit.ts).
declare module '../../platform/audit/audit.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members come from the Record
  interface AuditActions extends Record<CouncilsAuditAction, true> {}
}
