import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { timers } from './jobs.table.ts';

export type TimerRow = typeof timers.$inferSelect;
/** Runs in the claiming transaction: what it writes commits together with the timer being marked fired. */
export type TimerHandler = (tx: Tx, timer: TimerRow) => Promise<void>;

/** A timer handler keeps failing this many times before the timer is given up (and kept for inspection). */
export const MAX_ATTEMPTS = 8;

/** Schedules `kind` for `subjectId` at `dueAt`, in the caller's transaction. */
export async function schedule(tx: DbOrTx, t: { kind: string; subjectId: string; dueAt: Date; payload?: Record<string, unknown> }) {
  const [row] = await tx.insert(timers).values({ kind: t.kind, subjectId: t.subjectId, dueAt: t.dueAt, payload: t.payload ?? null }).returning();
  return row!;
}

/** Cancels the pending timers of `kind` for a subject (e.g. the SLA warning once the request is answered). */
export async function cancelTimers(tx: DbOrTx, kind: string, subjectId: string): Promise<number> {
  const rows = await tx.delete(timers).where(and(eq(timers.kind, kind), eq(timers.subjectId, subjectId), isNull(timers.firedAt))).returning({ id: timers.id });
  return rows.length;
}

/**
 * Fires due timers one at a time, each in its own transaction: claim the earliest due row with
 * FOR UPDATE SKIP LOCKED (so concurrent schedulers never take the same one), run its handler, mark it
 * fired. A failing handler's work rolls back; the timer is retried later with a growing delay.
 * Returns how many fired.
 */
export async function runDueTimers(db: Db, handlers: Record<string, TimerHandler>, opts: { now?: () => Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  let fired = 0;
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    let claimed: TimerRow | undefined;
    try {
      claimed = await db.transaction(async (tx) => {
        const [timer] = await tx.select().from(timers)
          .where(and(isNull(timers.firedAt), isNull(timers.failedAt), lte(timers.dueAt, now())))
          .orderBy(asc(timers.dueAt)).limit(1).for('update', { skipLocked: true });
        if (!timer) return undefined;
        const handler = handlers[timer.kind];
        try {
          if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
          await handler(tx, timer);
        } catch (err) {
          throw new TimerFailure(timer, err);
        }
        await tx.update(timers).set({ firedAt: now(), attempts: timer.attempts + 1 }).where(eq(timers.id, timer.id));
        return timer;
      });
    } catch (err) {
      if (!(err instanceof TimerFailure)) throw err;
      await recordFailure(db, err.timer, err.cause, now());
      continue;
    }
    if (!claimed) break;
    fired++;
  }
  return fired;
}

/** A handler's error, carrying its timer out of the rolled-back transaction so the failure can be recorded. */
class TimerFailure extends Error {
  constructor(readonly timer: TimerRow, override readonly cause: unknown) {
    super(`timer ${timer.kind} failed`);
  }
}

async function recordFailure(db: Db, timer: TimerRow, err: unknown, at: Date) {
  const attempts = timer.attempts + 1;
  const delayMs = Math.min(60 * 60_000, 30_000 * 2 ** (attempts - 1));
  await db.update(timers).set({
    attempts,
    lastError: String(err instanceof Error ? err.message : err).slice(0, 1000),
    dueAt: new Date(at.getTime() + delayMs),
    failedAt: attempts >= MAX_ATTEMPTS ? at : null,
  }).where(and(eq(timers.id, timer.id), isNull(timers.firedAt)));
}

/** Counts timers not yet fired (for health and tests). */
export async function pendingTimers(db: DbOrTx, kind?: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(timers)
    .where(and(isNull(timers.firedAt), isNull(timers.failedAt), kind ? eq(timers.kind, kind) : undefined));
  return row?.n ?? 0;
}
