import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { regionCodeOf, regionNameOf } from '../org/region.service.ts';
import { residentNameOf } from '../org/people.service.ts';
import { noticeObjectionCounts } from '../notices/notices.service.ts';
import { users } from '../../platform/auth/auth.table.ts';
import {
  councilAgendaItems, councilAttendance, councilCosigns, councilMeetingAgenda, councilMeetings, councilMinutes, councilMotions,
  councilResolutions, councils, councilSeats, councilShowOfHands, councilVotes,
} from './councils.table.ts';
import { qualified } from '../../platform/db/columns.ts';

export type CouncilRow = typeof councils.$inferSelect;
export type SeatRow = typeof councilSeats.$inferSelect;
export type AgendaRow = typeof councilAgendaItems.$inferSelect;
export type MeetingRow = typeof councilMeetings.$inferSelect;
export type MotionRow = typeof councilMotions.$inferSelect;
export type ResolutionRow = typeof councilResolutions.$inferSelect;
export type ShowOfHandsRow = typeof councilShowOfHands.$inferSelect;

/**
 * Councils in a `council.read` scope: those in their subtree and those above it, so a resident of a grid
 * sees the grid's, its buildings' and the community's councils, and a grid worker the community's too.
 */
export const councilScope = (scope: Scope): SQL | undefined => inScope(scope, { region: councils.regionPath, ancestors: true });

// The region's name and code beside each council, looked up in the same statement.
const regionJoin = { name: regionNameOf(councils.regionId), code: regionCodeOf(councils.regionId) };

/** One council in the actor's read scope, with its region's name and code. */
export async function findCouncil(db: DbOrTx, scope: Scope, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select({ c: councils, region: regionJoin }).from(councils)
    .where(and(eq(councils.id, id), councilScope(scope)));
  const [row] = opts.lock ? await q.for('update', { of: councils }) : await q;
  return row;
}

/** The council's id for subqueries (see `qualified`). */
const councilId = qualified(councils.id);

/** Councils in scope, filtered by kind and region subtree, with sitting and vacant seat counts. */
export async function listCouncils(db: DbOrTx, scope: Scope, f: { kind?: CouncilRow['kind']; regionCode?: string; limit: number; offset: number }, today: string) {
  const where = and(councilScope(scope), f.kind ? eq(councils.kind, f.kind) : undefined, f.regionCode ? sql`${councils.regionPath} LIKE ${likePrefix(f.regionCode)}` : undefined);
  const [rows, [total]] = await Promise.all([
    db.select({
      c: councils, region: regionJoin,
      seated: sql<number>`(SELECT count(*)::int FROM council_seats s WHERE s.council_id = ${councilId} AND s.vacated_at IS NULL AND s.term_start <= ${today} AND s.term_end >= ${today})`,
      vacant: sql<number>`(SELECT count(*)::int FROM council_seats s WHERE s.council_id = ${councilId} AND s.vacated_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM council_seats n WHERE n.predecessor_id = s.id))`,
    }).from(councils).where(where)
      .orderBy(asc(councils.regionPath), asc(councils.kind), asc(councils.name)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(councils).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every seat of a council, sitting, vacated and filled, oldest first. */
export const seatsOf = (db: DbOrTx, councilId: string) =>
  db.select().from(councilSeats).where(eq(councilSeats.councilId, councilId)).orderBy(asc(councilSeats.createdAt), asc(councilSeats.id));


export const findSeat = async (db: DbOrTx, id: string, lock = false) => {
  const q = db.select().from(councilSeats).where(eq(councilSeats.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
};

/** Agenda items of a council, newest first, with whether `userId` co-signed each. */
/**
 * The proposer's own names (account name, linked resident's name), selected beside an agenda item so
 * its text can be shown to neighbours without them (the proposer is not shown, nor may their name be).
 */
const proposerNames = {
  proposerAccountName: sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${councilAgendaItems.proposerUserId})`,
  proposerResidentName: residentNameOf(sql`(SELECT u.resident_id FROM ${users} u WHERE u.id = ${councilAgendaItems.proposerUserId})`),
};

/** The names an agenda item's proposer goes by (none for an item staff put on the agenda). */
export async function proposerNamesOf(db: DbOrTx, agendaItemId: string): Promise<string[]> {
  const [row] = await db.select(proposerNames).from(councilAgendaItems).where(eq(councilAgendaItems.id, agendaItemId));
  return [row?.proposerAccountName, row?.proposerResidentName].filter((n): n is string => !!n);
}

export const agendaOf = (db: DbOrTx, where: SQL, userId: string | null) =>
  db.select({
    a: councilAgendaItems,
    ...proposerNames,
    cosigned: userId ? sql<boolean>`EXISTS (SELECT 1 FROM council_cosigns k WHERE k.agenda_item_id = ${councilAgendaItems.id} AND k.user_id = ${userId})` : sql<boolean>`false`,
  }).from(councilAgendaItems).where(where).orderBy(desc(councilAgendaItems.createdAt));

export const findAgendaItem = async (db: DbOrTx, id: string, lock = false) => {
  const q = db.select().from(councilAgendaItems).where(eq(councilAgendaItems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
};

export const hasCosigned = async (db: DbOrTx, agendaItemId: string, userId: string) =>
  (await db.select({ id: councilCosigns.id }).from(councilCosigns).where(and(eq(councilCosigns.agendaItemId, agendaItemId), eq(councilCosigns.userId, userId)))).length > 0;

export const meetingsOf = (db: DbOrTx, councilId: string) =>
  db.select().from(councilMeetings).where(eq(councilMeetings.councilId, councilId)).orderBy(desc(councilMeetings.startsAt));

/** A meeting whose council the actor may read. */
export async function findMeeting(db: DbOrTx, scope: Scope, id: string, lock = false) {
  const q = db.select({ m: councilMeetings, c: councils }).from(councilMeetings).innerJoin(councils, eq(councils.id, councilMeetings.councilId))
    .where(and(eq(councilMeetings.id, id), councilScope(scope)));
  const [row] = lock ? await q.for('update', { of: councilMeetings }) : await q;
  return row;
}

/** A meeting's agenda items in order. */
export const meetingAgenda = (db: DbOrTx, meetingId: string) =>
  db.select({ a: councilAgendaItems, ...proposerNames }).from(councilMeetingAgenda).innerJoin(councilAgendaItems, eq(councilAgendaItems.id, councilMeetingAgenda.agendaItemId))
    .where(eq(councilMeetingAgenda.meetingId, meetingId)).orderBy(asc(councilMeetingAgenda.position));

export const attendanceOf = (db: DbOrTx, meetingId: string) =>
  db.select().from(councilAttendance).where(eq(councilAttendance.meetingId, meetingId)).orderBy(asc(councilAttendance.signedAt));

export const motionsOf = (db: DbOrTx, meetingId: string) =>
  db.select().from(councilMotions).where(eq(councilMotions.meetingId, meetingId)).orderBy(asc(councilMotions.createdAt));

export const votesOf = (db: DbOrTx, motionIds: string[]) =>
  motionIds.length ? db.select().from(councilVotes).where(inArray(councilVotes.motionId, motionIds)) : Promise.resolve([]);

/** The shows of hands on these motions (pending and confirmed). */
export const handsOf = (db: DbOrTx, motionIds: string[]): Promise<ShowOfHandsRow[]> =>
  motionIds.length ? db.select().from(councilShowOfHands).where(inArray(councilShowOfHands.motionId, motionIds)) : Promise.resolve([]);

/** A motion with its meeting and council, when the actor may read the council. */
export async function findMotion(db: DbOrTx, scope: Scope, id: string, lock = false) {
  const q = db.select({ mo: councilMotions, m: councilMeetings, c: councils }).from(councilMotions)
    .innerJoin(councilMeetings, eq(councilMeetings.id, councilMotions.meetingId)).innerJoin(councils, eq(councils.id, councilMeetings.councilId))
    .where(and(eq(councilMotions.id, id), councilScope(scope)));
  const [row] = lock ? await q.for('update', { of: councilMotions }) : await q;
  return row;
}

export const minutesOf = (db: DbOrTx, meetingId: string) =>
  db.select().from(councilMinutes).where(eq(councilMinutes.meetingId, meetingId)).orderBy(desc(councilMinutes.version));

export const resolutionsOfMeeting = (db: DbOrTx, meetingId: string) =>
  db.select({ id: councilResolutions.id, motionId: councilResolutions.motionId }).from(councilResolutions).where(eq(councilResolutions.meetingId, meetingId));

/** A resolution with its council and region, unscoped: the board is public once published. */
export async function findResolution(db: DbOrTx, id: string, lock = false) {
  const q = db.select({ r: councilResolutions, c: councils, region: regionJoin }).from(councilResolutions)
    .innerJoin(councils, eq(councils.id, councilResolutions.councilId))
    .where(eq(councilResolutions.id, id));
  const [row] = lock ? await q.for('update', { of: councilResolutions }) : await q;
  return row;
}

/** Published resolutions (on notice, in effect, or sent back), newest first: the public board. */
export async function listBoard(db: DbOrTx, f: { regionCode?: string; state?: ResolutionRow['state']; limit: number; offset: number }) {
  const where = and(
    sql`${councilResolutions.publishedAt} IS NOT NULL`,
    f.state ? eq(councilResolutions.state, f.state) : undefined,
    f.regionCode ? sql`${councilResolutions.regionPath} LIKE ${likePrefix(f.regionCode)}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select({ r: councilResolutions, c: councils, region: regionJoin, ...objectionCounts }).from(councilResolutions)
      .innerJoin(councils, eq(councils.id, councilResolutions.councilId))
      .where(where).orderBy(desc(councilResolutions.publishedAt), desc(councilResolutions.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(councilResolutions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

// Objections live with the resolution's notice (the shared notices feature), counted in the same statement.
export const objectionCounts = noticeObjectionCounts('council_resolution', councilResolutions.id);

/** Of the given requests, those already on some council's agenda (a small matter goes on one agenda only). */
export async function requestsOnAgenda(db: DbOrTx, requestIds: string[]): Promise<Set<string>> {
  if (!requestIds.length) return new Set();
  const rows = await db.selectDistinct({ id: councilAgendaItems.requestId }).from(councilAgendaItems).where(inArray(councilAgendaItems.requestId, requestIds));
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}
