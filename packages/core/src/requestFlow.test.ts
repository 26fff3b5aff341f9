import { describe, expect, it } from 'vitest';
import {
  REOPEN_WINDOW_MS,
  REQUEST_EVENTS,
  REQUEST_EVENT_LABELS,
  REQUEST_STATES,
  REQUEST_STATE_LABELS,
  TERMINAL_STATES,
  allowedEvents,
  isFinishedState,
  transition,
} from './requestFlow.ts';
import type { RequestEvent, RequestState, TransitionContext } from './requestFlow.ts';

const now = new Date('2026-03-09T10:00:00+08:00');
const DAY = 24 * 3_600_000;
/** A context that satisfies every rule, so only the table decides. */
const FULL: TransitionContext = { reason: '不属于本部门职责', repliedAt: new Date(now.getTime() - DAY), now };

/**
 * The expected machine, written out independently of the implementation: for each state, the
 * allowed events and where they lead ('=' keeps the state). Every pair not listed is forbidden.
 */
const EXPECTED: Record<RequestState, Partial<Record<RequestEvent, RequestState | '='>>> = {
  received: { sort: 'sorted', merge: 'merged', reject: 'rejected', escalate: '=' },
  sorted: { sort: 'sorted', dispatch: 'dispatched', refer: 'referred', merge: 'merged', reject: 'rejected', escalate: '=' },
  dispatched: { accept: 'in_progress', return: 'sorted', transfer: 'dispatched', merge: 'merged', escalate: '=' },
  in_progress: { reply: 'replied', return: 'sorted', transfer: 'dispatched', merge: 'merged', escalate: '=' },
  replied: { verify: 'verified', rate: 'rated', reopen: 'in_progress' },
  verified: { close: 'closed', rate: 'rated', reopen: 'in_progress' },
  closed: { rate: 'rated', reopen: 'in_progress' },
  rated: { verify: 'verified', close: 'closed', reopen: 'in_progress' },
  referred: { close: 'closed' },
  merged: {},
  rejected: {},
};

const PAIRS = REQUEST_STATES.flatMap((s) => REQUEST_EVENTS.map((e) => [s, e] as const));

describe('transition over every (state, event) pair', () => {
  it('covers 11 states × 14 events', () => {
    expect(PAIRS).toHaveLength(154);
    expect(Object.keys(EXPECTED).sort()).toEqual([...REQUEST_STATES].sort());
  });

  it.each(PAIRS)('%s + %s', (state, event) => {
    const expected = EXPECTED[state][event];
    const result = transition(state, event, FULL);
    if (expected === undefined) {
      expect(result).toEqual({ ok: false, reason: 'forbidden_transition' });
    } else {
      expect(result).toEqual({ ok: true, state: expected === '=' ? state : expected });
    }
  });

  it.each(PAIRS)('allowedEvents(%s) lists %s exactly when transition accepts it', (state, event) => {
    const accepted = transition(state, event, FULL).ok;
    expect(allowedEvents(state, FULL).includes(event)).toBe(accepted);
  });
});

describe('rules carried by the context', () => {
  it.each(['return', 'reject'] as const)('%s needs a non-blank reason', (event) => {
    const state: RequestState = event === 'return' ? 'dispatched' : 'sorted';
    for (const reason of [undefined, '', '   ', '\n\t']) {
      expect(transition(state, event, { reason })).toEqual({ ok: false, reason: 'reason_required' });
    }
    expect(transition(state, event).ok).toBe(false);
    expect(transition(state, event, { reason: '重复' }).ok).toBe(true);
  });

  it('checks the state before the reason', () => {
    expect(transition('closed', 'reject')).toEqual({ ok: false, reason: 'forbidden_transition' });
    expect(transition('rated', 'reopen')).toEqual({ ok: false, reason: 'reply_time_required' });
    expect(transition('received', 'reopen')).toEqual({ ok: false, reason: 'forbidden_transition' });
  });

  it.each(['replied', 'verified', 'closed', 'rated'] as const)('reopens %s within seven days of the reply only', (state) => {
    const at = (ms: number) => ({ repliedAt: new Date(now.getTime() - ms), now });
    expect(transition(state, 'reopen', at(0))).toEqual({ ok: true, state: 'in_progress' });
    expect(transition(state, 'reopen', at(6 * DAY))).toEqual({ ok: true, state: 'in_progress' });
    expect(transition(state, 'reopen', at(REOPEN_WINDOW_MS))).toEqual({ ok: true, state: 'in_progress' });
    expect(transition(state, 'reopen', at(REOPEN_WINDOW_MS + 1))).toEqual({ ok: false, reason: 'reopen_window_passed' });
    expect(transition(state, 'reopen', at(30 * DAY))).toEqual({ ok: false, reason: 'reopen_window_passed' });
    // a clock behind the reply time does not count against the resident
    expect(transition(state, 'reopen', at(-DAY))).toEqual({ ok: true, state: 'in_progress' });
  });

  it('needs both times to judge the reopen window', () => {
    expect(transition('replied', 'reopen', { now })).toEqual({ ok: false, reason: 'reply_time_required' });
    expect(transition('replied', 'reopen', { repliedAt: now })).toEqual({ ok: false, reason: 'reply_time_required' });
    expect(transition('replied', 'reopen', { repliedAt: new Date('x'), now })).toEqual({ ok: false, reason: 'reply_time_required' });
  });

  it('offers reopen only when the context shows the window is open', () => {
    expect(allowedEvents('closed')).toEqual(['rate']);
    expect(allowedEvents('closed', { repliedAt: new Date(now.getTime() - 8 * DAY), now })).toEqual(['rate']);
    expect(allowedEvents('closed', { repliedAt: new Date(now.getTime() - 2 * DAY), now })).toEqual(['rate', 'reopen']);
  });

  it('offers events that need a reason without one, since the UI asks for it', () => {
    expect(allowedEvents('dispatched')).toEqual(['accept', 'return', 'transfer', 'escalate', 'merge']);
  });
});

describe('a rating before staff have finished (issue 15 · item 6)', () => {
  it('leaves staff their verify and close steps on a rated request not yet closed', () => {
    expect(allowedEvents('rated', { closedAt: null })).toEqual(['verify', 'close']);
    expect(transition('rated', 'verify')).toEqual({ ok: true, state: 'verified' });
    expect(transition('rated', 'close')).toEqual({ ok: true, state: 'closed' });
  });

  it('offers staff nothing more once the request was closed before the rating', () => {
    const closedAt = new Date(now.getTime() - DAY);
    expect(allowedEvents('rated', { closedAt })).toEqual([]);
    expect(allowedEvents('rated', { ...FULL, closedAt })).toEqual(['reopen']);
    expect(transition('rated', 'verify', { closedAt })).toEqual({ ok: false, reason: 'forbidden_transition' });
    expect(transition('rated', 'close', { closedAt })).toEqual({ ok: false, reason: 'forbidden_transition' });
  });

  it('rates once until reopened', () => {
    const ratedAt = new Date(now.getTime() - DAY);
    for (const s of ['replied', 'verified', 'closed'] as const) {
      expect(transition(s, 'rate', { ratedAt })).toEqual({ ok: false, reason: 'already_rated' });
      expect(allowedEvents(s, { ratedAt })).not.toContain('rate');
    }
  });

  /** Every path without a loop from received, tracking what the API records (closedAt, ratedAt). */
  function paths(): { events: RequestEvent[]; end: RequestState }[] {
    const out: { events: RequestEvent[]; end: RequestState }[] = [];
    const walk = (state: RequestState, ctx: TransitionContext, events: RequestEvent[], seen: Set<string>) => {
      // reopen starts a new cycle and escalate/transfer/sort-again keep going round: they are walked elsewhere.
      const next = allowedEvents(state, ctx).filter((e) => e !== 'reopen' && e !== 'escalate');
      let moved = false;
      for (const e of next) {
        const r = transition(state, e, ctx);
        if (!r.ok) throw new Error(`${state} offers ${e} but refuses it`);
        const c: TransitionContext = { ...ctx, ...(e === 'close' ? { closedAt: now } : {}), ...(e === 'rate' ? { ratedAt: now } : {}) };
        const key = `${r.state}|${Boolean(c.closedAt)}|${Boolean(c.ratedAt)}`;
        if (seen.has(key)) continue;
        moved = true;
        walk(r.state, c, [...events, e], new Set([...seen, key]));
      }
      if (!moved) out.push({ events, end: state });
    };
    walk('received', FULL, [], new Set(['received|false|false']));
    return out;
  }

  it('ends every path in a finished state, closed by staff unless merged or rejected', () => {
    const all = paths();
    expect(all.length).toBeGreaterThan(10);
    for (const p of all) {
      expect(isFinishedState(p.end), p.events.join(' → ')).toBe(true);
      if (!TERMINAL_STATES.includes(p.end)) expect(p.events, p.events.join(' → ')).toContain('close');
    }
    // The path of the defect: rated straight after the reply, then verified and closed by staff.
    expect(all.map((p) => p.events.join(' '))).toContain('sort dispatch accept reply rate verify close');
    expect(all.map((p) => p.events.join(' '))).toContain('sort dispatch accept reply verify close rate');
  });
});

describe('the machine as a whole', () => {
  it('rates only after a reply', () => {
    const canRate = REQUEST_STATES.filter((s) => transition(s, 'rate', FULL).ok);
    expect(canRate).toEqual(['replied', 'verified', 'closed']);
  });

  it('keeps the state when escalating, while the request is open and unanswered', () => {
    const canEscalate = REQUEST_STATES.filter((s) => transition(s, 'escalate').ok);
    expect(canEscalate).toEqual(['received', 'sorted', 'dispatched', 'in_progress']);
    for (const s of canEscalate) expect(transition(s, 'escalate')).toEqual({ ok: true, state: s });
  });

  it('reaches every state from received', () => {
    const seen = new Set<RequestState>(['received']);
    const queue: RequestState[] = ['received'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of allowedEvents(s, FULL)) {
        const r = transition(s, e, FULL);
        if (r.ok && !seen.has(r.state)) {
          seen.add(r.state);
          queue.push(r.state);
        }
      }
    }
    expect([...seen].sort()).toEqual([...REQUEST_STATES].sort());
  });

  it('has nothing to offer in terminal states', () => {
    expect(TERMINAL_STATES).toEqual(['merged', 'rejected']);
    for (const s of REQUEST_STATES) expect(allowedEvents(s, FULL).length === 0).toBe(TERMINAL_STATES.includes(s));
  });

  it('walks the whole cycle, with a return, a transfer and a reopen on the way', () => {
    const steps: [RequestEvent, RequestState][] = [
      ['sort', 'sorted'], ['dispatch', 'dispatched'], ['return', 'sorted'], ['dispatch', 'dispatched'],
      ['transfer', 'dispatched'], ['accept', 'in_progress'], ['escalate', 'in_progress'], ['reply', 'replied'],
      ['reopen', 'in_progress'], ['reply', 'replied'], ['verify', 'verified'], ['close', 'closed'], ['rate', 'rated'],
    ];
    let state: RequestState = 'received';
    for (const [event, expected] of steps) {
      const r = transition(state, event, FULL);
      expect(r, `${state} + ${event}`).toEqual({ ok: true, state: expected });
      if (r.ok) state = r.state;
    }
  });

  it('refers a private matter, then closes it', () => {
    expect(transition('sorted', 'refer')).toEqual({ ok: true, state: 'referred' });
    expect(transition('referred', 'close')).toEqual({ ok: true, state: 'closed' });
    expect(isFinishedState('referred')).toBe(false);
  });

  it('counts closed, rated, merged and rejected as finished', () => {
    expect(REQUEST_STATES.filter(isFinishedState)).toEqual(['closed', 'rated', 'merged', 'rejected']);
  });

  it('has a label in both languages for every state and event', () => {
    for (const s of REQUEST_STATES) expect(REQUEST_STATE_LABELS[s]['zh-CN'] && REQUEST_STATE_LABELS[s].en).toBeTruthy();
    for (const e of REQUEST_EVENTS) expect(REQUEST_EVENT_LABELS[e]['zh-CN'] && REQUEST_EVENT_LABELS[e].en).toBeTruthy();
  });
});
