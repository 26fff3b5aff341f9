import type { TimerHandler } from './platform/jobs/scheduler.ts';
import { fireSla, SLA_TIMER } from './features/requests/requests.jobs.ts';
import { fireNoticeEnd, NOTICE_END_TIMER } from './features/councils/councils.jobs.ts';
import { ASSEMBLY_CLOSE_TIMER, fireAssemblyClose } from './features/assembly/assembly.jobs.ts';
import { ACTIVITY_REMINDER_TIMER, fireActivityReminder } from './features/activities/activities.jobs.ts';

/**
 * Every timer kind the platform schedules, with its handler, so a process that runs the worker knows
 * how to fire all of them. A feature that schedules a new kind adds it here.
 */
export const TIMER_HANDLERS: Record<string, TimerHandler> = {
  [SLA_TIMER]: fireSla,
  [NOTICE_END_TIMER]: fireNoticeEnd,
  [ASSEMBLY_CLOSE_TIMER]: fireAssemblyClose,
  [ACTIVITY_REMINDER_TIMER]: fireActivityReminder,
};
