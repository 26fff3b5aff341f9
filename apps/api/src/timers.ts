import type { TimerHandler } from './platform/jobs/scheduler.ts';
import { fireSla, SLA_TIMER } from './features/requests/requests.jobs.ts';
import { fireNoticeWindowEnd, NOTICE_WINDOW_TIMER } from './features/notices/notices.jobs.ts';
import { onResolutionEffective, registerResolutionNotices } from './features/councils/notice.service.ts';
import { publishRoundsOfResolution } from './features/projects/round.service.ts';
import { onReservedExpenseApproved } from './features/funds/funds.reserve.service.ts';
import { recordInstalmentPaid } from './features/projects/money.service.ts';
import { registerTenderNotices } from './features/projects/tender.service.ts';
import { ASSEMBLY_CLOSE_TIMER, fireAssemblyClose } from './features/assembly/assembly.jobs.ts';
import { BANK_YEAR_END_TIMER, fireYearEnd } from './features/bank/bank.jobs.ts';
import { ACTIVITY_REMINDER_TIMER, fireActivityReminder } from './features/activities/activities.jobs.ts';
import { fireUnreportedFlag, PARTY_FLAG_TIMER } from './features/party/party.jobs.ts';
import { PROJECT_RATING_CLOSE_TIMER } from './features/projects/acceptance.service.ts';
import { fireRatingClose } from './features/projects/rating.service.ts';

/**
 * What each kind of public notice does when it settles (its window's timer fires here): registered
 * where the timers are, so every process that fires them knows every kind. A feature that puts a new
 * kind of subject on notice registers it here.
 */
export function registerNoticeKinds(): void {
  registerResolutionNotices();
  // A project list resolved by the council is published when the resolution's notice closes.
  onResolutionEffective(publishRoundsOfResolution);
  // A project's instalment approved on the fund's page adds to what the project was paid.
  onReservedExpenseApproved(recordInstalmentPaid);
  registerTenderNotices();
}
registerNoticeKinds();

/**
 * Every timer kind the platform schedules, with its handler, so a process that runs the worker knows
 * how to fire all of them. A feature that schedules a new kind adds it here.
 */
export const TIMER_HANDLERS: Record<string, TimerHandler> = {
  [SLA_TIMER]: fireSla,
  [NOTICE_WINDOW_TIMER]: fireNoticeWindowEnd,
  [ASSEMBLY_CLOSE_TIMER]: fireAssemblyClose,
  [BANK_YEAR_END_TIMER]: fireYearEnd,
  [ACTIVITY_REMINDER_TIMER]: fireActivityReminder,
  [PARTY_FLAG_TIMER]: fireUnreportedFlag,
  [PROJECT_RATING_CLOSE_TIMER]: fireRatingClose,
};
