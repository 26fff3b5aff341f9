import type { TimerHandler } from './platform/jobs/scheduler.ts';
import { fireSla, SLA_TIMER } from './features/requests/requests.jobs.ts';
import { fireNoticeEnd, NOTICE_END_TIMER } from './features/councils/councils.jobs.ts';
import { ASSEMBLY_CLOSE_TIMER, fireAssemblyClose } from './features/assembly/assembly.jobs.ts';
import { fireUnreportedFlag, PARTY_FLAG_TIMER } from './features/party/party.jobs.ts';

/**
 * Every timer kind the platform schedules, with its handler, so a process that runs the worker knows
 * how to fire all of them. A feature that schedules a new kind adds it here.
 */
export const TIMER_HANDLERS: Record<string, TimerHandler> = {
  [SLA_TIMER]: fireSla,
  [NOTICE_END_TIMER]: fireNoticeEnd,
  [ASSEMBLY_CLOSE_TIMER]: fireAssemblyClose,
  [PARTY_FLAG_TIMER]: fireUnreportedFlag,
};
