import { and, eq, sql } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import type { z } from 'zod';
import type { AddSeatBody, ByElectionBody, CreateCouncilBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { ensure } from '../../platform/authz/authorize.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { findRegion } from '../org/region.service.ts';
import { findResident, isErased } from '../org/people.service.ts';
import { organisationById } from '../org/organisation.service.ts';
import { councils, councilSeats } from './councils.table.ts';
import { findCouncil, findSeat, type CouncilRow, type SeatRow } from './councils.repository.ts';
import { KIND_LEVELS, mayManage } from './councils.policy.ts';
import { scopeFor } from '../../platform/authz/scope.ts';

const LEVEL_NAMES = { microgrid: '微网格（楼栋）', grid: '网格', community: '社区' } as const;
const KIND_NAMES = { building: '楼栋', grid: '小组（网格）', community: '社区', matter: '一事一议' } as const;

/** Creates a council on a region the actor manages, at the level its kind belongs to. */
export async function createCouncil(db: Db, actor: Actor, body: z.infer<typeof CreateCouncilBody>): Promise<CouncilRow> {
  return db.transaction(async (tx) => {
    const region = found(await findRegion(tx, actor, body.regionId), 'REGION_NOT_FOUND');
    ensure(mayManage(actor, region.code));
    const levels: readonly string[] = KIND_LEVELS[body.kind];
    if (!levels.includes(region.level)) {
      throw new AppError('COUNCIL_LEVEL_MISMATCH', { kind: KIND_NAMES[body.kind], level: levels.map((l) => LEVEL_NAMES[l as keyof typeof LEVEL_NAMES]).join('/') });
    }
    const [row] = await tx.insert(councils).values({
      kind: body.kind, name: body.name, regionId: region.id, regionPath: region.code, districtCode: region.districtCode,
      matter: body.kind === 'matter' ? body.matter ?? null : null, quorum: body.quorum, majority: body.majority,
      cosignThreshold: body.cosignThreshold, noticeHours: body.noticeHours, publicNoticeDays: body.publicNoticeDays,
    }).returning();
    await audit(tx, actor, { action: 'council.create', subjectType: 'council', subjectId: row!.id, regionPath: row!.regionPath, after: row });
    return row!;
  });
}

/** The council the actor may manage, locked, or NOT_FOUND / FORBIDDEN. */
export async function managedCouncil(tx: Tx, actor: Actor, id: string): Promise<CouncilRow> {
  const row = await findCouncil(tx, scopeFor(actor, 'council.read'), id, { lock: true });
  // Councils above the actor's area are readable but not theirs to run: to them it is missing.
  if (!row || !mayManage(actor, row.c.regionPath)) throw new AppError('COUNCIL_NOT_FOUND');
  return row.c;
}

/** Who holds a seat: a resident of the council's area (named from the register) or an organisation. */
async function holderOf(tx: Tx, actor: Actor, council: CouncilRow, h: { residentId?: string; organisationId?: string; holderName?: string }) {
  if (h.residentId) {
    const r = found(await findResident(tx, actor, h.residentId), 'RESIDENT_NOT_FOUND');
    if (isErased(r)) throw new AppError('RESIDENT_ERASED');
    if (!r.regionPath.startsWith(council.regionPath)) throw new AppError('NOT_IN_COUNCIL_AREA');
    return { residentId: r.id, organisationId: null, holderName: r.name };
  }
  if (h.organisationId) {
    const o = await organisationById(tx, h.organisationId);
    if (!o) throw new AppError('ORGANISATION_NOT_FOUND');
    return { residentId: null, organisationId: o.id, holderName: h.holderName ? `${o.name}（${h.holderName}）` : o.name };
  }
  throw new AppError('SEAT_HOLDER_REQUIRED');
}

/**
 * One member, one seat: refuses a holder who already has a seat of this council that is not vacant
 * and whose term overlaps (otherwise one person would sign in and vote twice). Callers hold the
 * council row's lock, so two requests seating the same person cannot both pass.
 */
async function assertNoOtherSeat(tx: Tx, councilId: string, holder: { residentId: string | null; organisationId: string | null }, termStart: string, termEnd: string) {
  const who = holder.residentId ? sql`resident_id = ${holder.residentId}` : sql`organisation_id = ${holder.organisationId}`;
  const [other] = (await tx.execute<{ id: string }>(sql`
    SELECT id FROM council_seats WHERE council_id = ${councilId} AND ${who} AND vacated_at IS NULL
      AND term_start <= ${termEnd}::date AND term_end >= ${termStart}::date LIMIT 1`)).rows;
  if (other) throw new AppError('SEAT_HOLDER_SEATED');
}

/** Seats a member for a term. */
export async function addSeat(db: Db, actor: Actor, councilId: string, body: z.infer<typeof AddSeatBody>): Promise<SeatRow> {
  if (body.termEnd <= body.termStart) throw new AppError('TERM_INVALID');
  return db.transaction(async (tx) => {
    const council = await managedCouncil(tx, actor, councilId);
    const holder = await holderOf(tx, actor, council, body);
    await assertNoOtherSeat(tx, councilId, holder, body.termStart, body.termEnd);
    const [row] = await tx.insert(councilSeats).values({
      councilId, regionPath: council.regionPath, districtCode: council.districtCode, kind: body.kind, ...holder, termStart: body.termStart, termEnd: body.termEnd,
    }).returning();
    await audit(tx, actor, { action: 'council.seat_add', subjectType: 'council_seat', subjectId: row!.id, regionPath: council.regionPath, after: row });
    return row!;
  });
}

/** The seat and its council (both locked), for someone who manages the council. */
async function managedSeat(tx: Tx, actor: Actor, seatId: string) {
  const seat = found(await findSeat(tx, seatId, true), 'SEAT_NOT_FOUND');
  const council = await findCouncil(tx, scopeFor(actor, 'council.read'), seat.councilId, { lock: true });
  if (!council || !mayManage(actor, council.c.regionPath)) throw new AppError('SEAT_NOT_FOUND');
  return { seat, council: council.c };
}

/** Records that a seat fell vacant (resignation, moving away, death…); the row stays as history. */
export async function vacateSeat(db: Db, actor: Actor, seatId: string, reason: string, now: Date): Promise<SeatRow> {
  return db.transaction(async (tx) => {
    const { seat } = await managedSeat(tx, actor, seatId);
    if (seat.vacatedAt) throw new AppError('SEAT_ALREADY_VACANT');
    const [after] = await tx.update(councilSeats).set({ vacatedAt: now, vacatedReason: reason }).where(eq(councilSeats.id, seatId)).returning();
    await audit(tx, actor, { action: 'council.seat_vacate', subjectType: 'council_seat', subjectId: seatId, regionPath: seat.regionPath, before: seat, after, details: { reason } });
    return after!;
  });
}

/** Fills a vacancy by a by-election for the rest of the predecessor's term (补选). */
export async function byElection(db: Db, actor: Actor, seatId: string, body: z.infer<typeof ByElectionBody>): Promise<SeatRow> {
  return db.transaction(async (tx) => {
    const { seat, council } = await managedSeat(tx, actor, seatId);
    if (!seat.vacatedAt) throw new AppError('SEAT_NOT_VACANT');
    const [filled] = await tx.select({ id: councilSeats.id }).from(councilSeats).where(and(eq(councilSeats.predecessorId, seatId)));
    if (filled) throw new AppError('SEAT_ALREADY_FILLED');
    if (body.electedOn >= seat.termEnd || body.electedOn < chinaDay(seat.vacatedAt)) throw new AppError('TERM_INVALID');
    const holder = await holderOf(tx, actor, council, body);
    await assertNoOtherSeat(tx, seat.councilId, holder, body.electedOn, seat.termEnd);
    const [row] = await tx.insert(councilSeats).values({
      councilId: seat.councilId, regionPath: seat.regionPath, districtCode: seat.districtCode, kind: seat.kind, ...holder,
      termStart: body.electedOn, termEnd: seat.termEnd, byElection: true, predecessorId: seat.id,
    }).returning();
    await audit(tx, actor, { action: 'council.by_election', subjectType: 'council_seat', subjectId: row!.id, regionPath: seat.regionPath, after: row, details: { predecessorId: seat.id } });
    return row!;
  });
}

