import { isFinishedState, transition, type RequestEvent } from '@gongzhi/core';
import { newId } from '../platform/db/columns.ts';
import type { RequestRow } from '../features/requests/requests.repository.ts';
import type { requestEvents } from '../features/requests/requests.table.ts';
import { parentPath, slaTimers, WARN_FRACTION } from '../features/requests/requests.jobs.ts';

export type EventRow = typeof requestEvents.$inferInsert & { at: Date };
/** Who did a step: a demo account when the place has one, otherwise a named person without an account. */
export interface Staff { userId: string | null; name: string }
export const SYSTEM: Staff = { userId: null, name: '系统' };

/**
 * One request living through its history up to the seed's clock: every step goes through the core
 * state machine (a step it refuses is a bug in the seed, so it throws), and the time-limit timers are
 * played as the job runner would have fired them (yellow warning, red card escalating one level up),
 * so the row, its timeline and its timers agree with what the services would have written.
 */
export class RequestLife {
  readonly events: EventRow[] = [];
  /** When the resolution clock last started: intake, sorting or a reopen (the services reschedule then). */
  private resolveFrom: Date;
  /** Whether time-limit timers run: referring, rejecting and merging cancel them; reopening restarts them. */
  private live = true;
  private fired = new Set<string>();
  private last: Date;
  stopped = false;

  constructor(readonly row: RequestRow, private readonly now: Date, intake: { actor: Staff }) {
    this.resolveFrom = row.createdAt;
    this.last = row.createdAt;
    this.events.push({
      id: newId(), requestId: row.id, at: row.createdAt, actorUserId: intake.actor.userId, actorName: intake.actor.name, kind: 'received',
      toState: 'received', note: null, public: true, data: { channel: row.channel },
    });
  }

  /** The time of the last step, for planning the next one. */
  get at(): Date { return this.last; }

  /**
   * Applies `event` at `at` (never before the last step) with the fields the service would set. Returns
   * false, changing nothing, once `at` is past the seed's clock: the request stays where it is now.
   */
  step(at: Date, actor: Staff, event: RequestEvent, patch: Partial<RequestRow> = {}, note: string | null = null, data: Record<string, unknown> = {}): boolean {
    if (this.stopped) return false;
    if (at.getTime() <= this.last.getTime()) at = new Date(this.last.getTime() + 60_000);
    this.sla(at);
    if (at > this.now) { this.stopped = true; return false; }
    const r = this.row;
    const next = transition(r.state, event, { reason: note ?? undefined, repliedAt: r.repliedAt ?? undefined, now: at });
    if (!next.ok) throw new Error(`seed: ${event} from ${r.state} refused (${next.reason})`);
    const from = r.state;
    Object.assign(r, patch, { state: next.state, updatedAt: at });
    if (event === 'sort' || event === 'reopen') {
      // The services replace the resolution timers then (scheduleSla): they may fire again.
      this.resolveFrom = at;
      this.live = true;
      for (const k of [...this.fired]) if (k.startsWith('resolve|')) this.fired.delete(k);
    }
    if (event === 'refer' || event === 'reject' || event === 'merge') this.live = false;
    this.events.push({
      id: newId(), requestId: r.id, at, actorUserId: actor.userId, actorName: actor.name, kind: event, fromState: from, toState: next.state,
      note, public: event !== 'return' && event !== 'escalate', data,
    });
    this.last = at;
    return true;
  }

  /** Plays the timers up to the seed's clock and returns those still to come, as the services would have left them. */
  finish(): ReturnType<typeof slaTimers> {
    this.sla(this.now);
    if (!this.live || isFinishedState(this.row.state)) return [];
    return slaTimers(this.row, this.resolveFrom).filter((t) => t.dueAt > this.now);
  }

  /** Fires the yellow and red timers due up to `upTo` (never past the clock), in time order, as fireSla does. */
  private sla(upTo: Date) {
    const limit = upTo < this.now ? upTo : this.now;
    const r = this.row;
    if (!this.live || isFinishedState(r.state)) return;
    const due: { at: Date; phase: 'respond' | 'resolve'; level: 'yellow' | 'red'; deadline: Date; key: string }[] = [];
    const phases = [['respond', r.respondDueAt, r.respondedAt === null, r.createdAt], ['resolve', r.resolveDueAt, r.repliedAt === null, this.resolveFrom]] as const;
    for (const [phase, deadline, open, start] of phases) {
      if (!deadline || !open) continue;
      const warn = new Date(deadline.getTime() - WARN_FRACTION * (deadline.getTime() - start.getTime()));
      for (const [level, at] of [['yellow', warn], ['red', deadline]] as const) {
        const key = `${phase}|${level}|${deadline.toISOString()}|${at.toISOString()}`;
        // A timer already past due when it was (re)scheduled fires on the runner's next poll.
        const when = at > this.last ? at : new Date(this.last.getTime() + 1000);
        if (when <= limit && !this.fired.has(key)) due.push({ at: when, phase, level, deadline, key });
      }
    }
    for (const t of due.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      this.fired.add(t.key);
      if (t.level === 'yellow' && r.slaState !== 'ok') continue;
      let note = t.phase === 'respond' ? '即将超过受理时限 / response deadline near' : '即将超过办结时限 / resolution deadline near';
      if (t.level === 'red') {
        const to = parentPath(r.escalatedToPath ?? r.regionPath);
        Object.assign(r, { escalationLevel: r.escalationLevel + 1, escalatedToPath: to });
        note = `${t.phase === 'respond' ? '超过受理时限' : '超过办结时限'}，已上报 ${to} / overdue, escalated to ${to}`;
      }
      r.slaState = t.level;
      r.updatedAt = t.at;
      this.events.push({
        id: newId(), requestId: r.id, at: t.at, actorUserId: null, actorName: SYSTEM.name, kind: t.level === 'red' ? 'escalate' : 'sla_yellow',
        fromState: r.state, toState: r.state, note, public: t.level === 'red', data: { phase: t.phase, level: t.level, due: t.deadline.toISOString() },
      });
      this.last = t.at;
    }
  }
}
