import { and, asc, eq, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { users } from '../../platform/auth/auth.table.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { residents } from '../org/org.table.ts';
import { runDueTimers } from '../../platform/jobs/scheduler.ts';
import { TIMER_HANDLERS } from '../../timers.ts';
import { councilMeetings } from './councils.table.ts';

/** The demo people a council test needs: staff of 望平社区 and three residents of 锦绣花园网格. */
export interface Cast {
  worker: Client; secretary: Client; grid: Client; party: Client; resident: Client; owner: Client; street: Client;
  /** The grid where the demo residents live, and its id. */
  gridPath: string; gridId: string;
  /** The party member's resident id (they hold a seat and vote for themself). */
  partyResidentId: string;
  /** Other residents of the grid, to seat. */
  neighbours: string[];
}

export async function cast(ctx: TestContext): Promise<Cast> {
  const [worker, secretary, grid, party, resident, owner, street] = await Promise.all(
    [DEMO.worker, DEMO.secretary, DEMO.grid, DEMO.partyMember, DEMO.resident, DEMO.owner, DEMO.street].map((p) => signIn(ctx.app, p)),
  );
  const db = ctx.database.db;
  const [pm] = await db.select({ residentId: users.residentId, regionPath: roleAssignments.regionPath, regionId: roleAssignments.regionId })
    .from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'party_member'));
  const linked = (await db.select({ id: users.residentId }).from(users)).flatMap((u) => (u.id ? [u.id] : []));
  const people = await db.select({ id: residents.id }).from(residents).where(and(like(residents.regionPath, `${pm!.regionPath}%`))).orderBy(asc(residents.id)).limit(40);
  const neighbours = people.map((p) => p.id).filter((id) => !linked.includes(id)).slice(0, 8);
  return { worker: worker!, secretary: secretary!, grid: grid!, party: party!, resident: resident!, owner: owner!, street: street!, gridPath: pm!.regionPath!, gridId: pm!.regionId!, partyResidentId: pm!.residentId!, neighbours };
}

export const TERM = { termStart: '2025-01-01', termEnd: '2027-12-31' };

/** A grid council with the party member and four neighbours seated (five sitting members). */
export async function gridCouncil(c: Cast, over: Record<string, unknown> = {}) {
  const made = await c.worker.request('POST', '/api/v1/councils', {
    kind: 'grid', name: '锦绣花园小组议事会', regionId: c.gridId, quorum: 'more_than_half', majority: 'simple', cosignThreshold: 2, noticeHours: 72, publicNoticeDays: 3, ...over,
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  const holders = [c.partyResidentId, ...c.neighbours.slice(0, 4)];
  const kinds = ['party_member', 'resident_rep', 'resident_rep', 'owners_committee', 'resident_rep'];
  let detail = made.json();
  for (const [i, residentId] of holders.entries()) {
    const res = await c.worker.request('POST', `/api/v1/councils/${id}/seats`, { kind: kinds[i], residentId, ...TERM });
    expect(res.statusCode, res.body).toBe(201);
    detail = res.json();
  }
  const seats = (detail.seats as { id: string; residentId: string }[]).map((s) => s.id);
  return { id, seats, partySeat: seats[0]! };
}

/** Fires due timers as of `at`. */
export const fireAt = (ctx: TestContext, at: Date) => runDueTimers(ctx.database.db, TIMER_HANDLERS, { now: () => at });

/** Moves a noticed meeting's start into the past, so its business may begin (the notice rules stay tested on creation). */
export async function startMeeting(ctx: TestContext, meetingId: string, at = new Date(Date.now() - 60_000)) {
  await ctx.database.db.update(councilMeetings).set({ startsAt: at }).where(eq(councilMeetings.id, meetingId));
}
