import type { TimerHandler } from './platform/jobs/scheduler.ts';

/**
 * Every timer kind the platform schedules, with its handler. Features add theirs here (e.g. the
 * request SLA warning), so a process that runs the worker knows how to fire all of them.
 */
export const TIMER_HANDLERS: Record<string, TimerHandler> = {};
