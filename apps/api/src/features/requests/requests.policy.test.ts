import { describe, expect, it } from 'vitest';
import { REQUEST_STATES, type RequestState, type Role } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { allowedFor } from './requests.policy.ts';
import type { RequestRow } from './requests.repository.ts';

/**
 * Every state × role → the buttons the detail view offers (issue 15 · item 6), from the pure policy
 * over the state machine. Written out by hand: a change to either shows up here as a diff.
 */
const now = new Date('2026-03-09T10:00:00+08:00');
const PLACE = '510108001001001001';
const DEPT = '01900000-0000-7000-8000-0000000000d1';
const REPORTER = '01900000-0000-7000-8000-0000000000a1';
const ANSWERED = new Set<RequestState>(['replied', 'verified', 'closed', 'rated']);

const actor = (userId: string, role: Role, regionPath: string | null, organisationId: string | null = null): Actor =>
  ({ userId, name: role, residentId: null, grants: [{ role, regionPath, organisationId }], via: 'session' });
const ACTORS = {
  reporter: actor(REPORTER, 'resident', PLACE),
  community: actor('01900000-0000-7000-8000-0000000000b1', 'community_worker', '510108001001'),
  department: actor('01900000-0000-7000-8000-0000000000c1', 'department_handler', '510199', DEPT),
  supervisor: actor('01900000-0000-7000-8000-0000000000e1', 'supervisor', '510108'),
};

const request = (state: RequestState, extra: Partial<RequestRow> = {}): RequestRow => ({
  state, regionPath: PLACE, ownerUserId: null, escalatedToPath: null, departmentId: DEPT, reporterUserId: REPORTER,
  repliedAt: ANSWERED.has(state) ? new Date(now.getTime() - 3_600_000) : null, closedAt: null, ratedAt: state === 'rated' ? now : null, ...extra,
} as RequestRow);

type Who = keyof typeof ACTORS;
const EXPECTED: Record<RequestState, Record<Who, string[]>> = {
  received: { reporter: [], community: ['sort', 'merge', 'reject'], department: [], supervisor: ['escalate'] },
  sorted: { reporter: [], community: ['sort', 'dispatch', 'merge', 'refer', 'reject'], department: [], supervisor: ['escalate'] },
  dispatched: { reporter: [], community: ['accept', 'return', 'transfer', 'merge'], department: ['accept', 'return', 'transfer'], supervisor: ['escalate'] },
  in_progress: { reporter: [], community: ['reply', 'return', 'transfer', 'merge'], department: ['reply', 'return', 'transfer'], supervisor: ['escalate'] },
  replied: { reporter: ['rate', 'reopen'], community: ['verify'], department: [], supervisor: [] },
  verified: { reporter: ['rate', 'reopen'], community: ['close'], department: [], supervisor: [] },
  closed: { reporter: ['rate', 'reopen'], community: [], department: [], supervisor: [] },
  // Rated before staff closed it: their steps remain (the defect was "no action available" here).
  rated: { reporter: ['reopen'], community: ['verify', 'close'], department: [], supervisor: [] },
  referred: { reporter: [], community: ['close'], department: [], supervisor: [] },
  merged: { reporter: [], community: [], department: [], supervisor: [] },
  rejected: { reporter: [], community: [], department: [], supervisor: [] },
};

describe('what each role may do in each state', () => {
  const cases = REQUEST_STATES.flatMap((s) => (Object.keys(ACTORS) as Who[]).map((w) => [s, w] as const));
  it.each(cases)('%s × %s', (state, who) => {
    expect(allowedFor(ACTORS[who], request(state), [], now)).toEqual(EXPECTED[state][who]);
  });

  it('offers nothing more to staff on a request closed and then rated, and no second rating anywhere', () => {
    const closedThenRated = request('rated', { closedAt: new Date(now.getTime() - 60_000) });
    expect(allowedFor(ACTORS.community, closedThenRated, [], now)).toEqual([]);
    expect(allowedFor(ACTORS.reporter, closedThenRated, [], now)).toEqual(['reopen']);
    // Rated, then verified by staff: the reporter is not offered a second rating.
    expect(allowedFor(ACTORS.reporter, request('verified', { ratedAt: now }), [], now)).toEqual(['reopen']);
  });
});
