import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { noticeObjections, notices, type NoticeState } from './notices.table.ts';

export type NoticeRow = typeof notices.$inferSelect;
export type NoticeObjectionRow = typeof noticeObjections.$inferSelect;

/** A notice by id; `lock` takes it FOR UPDATE so answers and the window's end are serialised. */
export async function findNotice(db: DbOrTx, id: string, lock = false): Promise<NoticeRow | undefined> {
  const q = db.select().from(notices).where(eq(notices.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The notice of a subject, if it was ever published. */
export async function findNoticeOf(db: DbOrTx, kind: string, subjectId: string, lock = false): Promise<NoticeRow | undefined> {
  const q = db.select().from(notices).where(and(eq(notices.kind, kind), eq(notices.subjectId, subjectId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertNotice(tx: DbOrTx, values: typeof notices.$inferInsert): Promise<NoticeRow> {
  const [row] = await tx.insert(notices).values(values).returning();
  return row!;
}

export async function setNoticeState(tx: DbOrTx, id: string, state: NoticeState, at: Date): Promise<void> {
  await tx.update(notices).set(state === 'closed' ? { state, closedAt: at } : { state, withdrawnAt: at }).where(eq(notices.id, id));
}

export const objectionsOfNotice = (db: DbOrTx, noticeId: string) =>
  db.select().from(noticeObjections).where(eq(noticeObjections.noticeId, noticeId)).orderBy(asc(noticeObjections.createdAt), asc(noticeObjections.id));

export async function insertObjection(tx: DbOrTx, values: typeof noticeObjections.$inferInsert): Promise<NoticeObjectionRow> {
  const [row] = await tx.insert(noticeObjections).values(values).returning();
  return row!;
}

/** Records an answer; only an unanswered objection is updated, so a second answer finds nothing. */
export async function answerObjectionRow(tx: DbOrTx, noticeId: string, objectionId: string, a: { outcome: 'upheld' | 'dismissed'; answer: string; answeredAt: Date; answeredBy: string }): Promise<NoticeObjectionRow | undefined> {
  const [row] = await tx.update(noticeObjections).set(a)
    .where(and(eq(noticeObjections.id, objectionId), eq(noticeObjections.noticeId, noticeId), isNull(noticeObjections.answeredAt))).returning();
  return row;
}

export async function findObjection(db: DbOrTx, noticeId: string, objectionId: string): Promise<NoticeObjectionRow | undefined> {
  const [row] = await db.select().from(noticeObjections).where(and(eq(noticeObjections.id, objectionId), eq(noticeObjections.noticeId, noticeId)));
  return row;
}

export async function unansweredOf(db: DbOrTx, noticeId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(noticeObjections).where(and(eq(noticeObjections.noticeId, noticeId), isNull(noticeObjections.answeredAt)));
  return r?.n ?? 0;
}

/** Objection counts of the notice of `kind` whose subject is `subjectId` (a column of the caller's table). */
export function objectionCountsSql(kind: string, subjectId: SQL | unknown) {
  return {
    objections: sql<number>`(SELECT count(*)::int FROM notice_objections o JOIN notices n ON n.id = o.notice_id WHERE n.kind = ${kind} AND n.subject_id = ${subjectId})`,
    unanswered: sql<number>`(SELECT count(*)::int FROM notice_objections o JOIN notices n ON n.id = o.notice_id WHERE n.kind = ${kind} AND n.subject_id = ${subjectId} AND o.answered_at IS NULL)`,
  };
}

const countsOf = {
  objections: sql<number>`(SELECT count(*)::int FROM notice_objections o WHERE o.notice_id = ${notices.id})`,
  unanswered: sql<number>`(SELECT count(*)::int FROM notice_objections o WHERE o.notice_id = ${notices.id} AND o.answered_at IS NULL)`,
};

/**
 * The public board: notices under a region (by its code, e.g. a community's), newest first. `current`
 * keeps those still open or closed within the last `recentSince`.
 */
export async function listNotices(db: DbOrTx, f: { regionCode?: string; kind?: string; state?: NoticeState; limit: number; offset: number }) {
  const where = and(
    f.kind ? eq(notices.kind, f.kind) : undefined,
    f.state ? eq(notices.state, f.state) : undefined,
    f.regionCode ? sql`${notices.regionPath} LIKE ${likePrefix(f.regionCode)}` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ n: notices, ...countsOf }).from(notices).where(where).orderBy(desc(notices.publishedAt), desc(notices.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(notices).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The objections a person wrote (for erasure). */
export const objectionsBy = (db: DbOrTx, userIds: string[]) =>
  db.select({ id: noticeObjections.id, text: noticeObjections.text }).from(noticeObjections).where(sql`${noticeObjections.userId} IN (${sql.join(userIds.map((u) => sql`${u}`), sql`, `)})`);

export async function setObjectionText(tx: DbOrTx, id: string, text: string): Promise<void> {
  await tx.update(noticeObjections).set({ text }).where(eq(noticeObjections.id, id));
}
