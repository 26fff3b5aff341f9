import { and, eq, lt, or, isNotNull } from 'drizzle-orm';
import type { Db } from './platform/db/client.ts';
import { idempotencyKeys } from './platform/http/idempotency.table.ts';
import { sessions } from './platform/auth/auth.table.ts';
import { imports } from './features/org/org.table.ts';
import { foldStatStripes } from './features/requests/stats.ts';
import { chinaDay } from '@gongzhi/core';

const DAY = 86_400_000;

/**
 * Deletes what is only kept for a while: remembered idempotent answers (a day), import previews never
 * confirmed (a day; they hold sealed personal data), and sessions ended or expired a week ago; and folds
 * the request statistics' stripes of past days into one row per bucket. Returns how many rows went, by kind.
 */
export async function housekeeping(db: Db, now = new Date()): Promise<Record<string, number>> {
  const dayAgo = new Date(now.getTime() - DAY);
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, dayAgo)).returning({ k: idempotencyKeys.key });
  const previews = await db.delete(imports).where(and(eq(imports.status, 'previewed'), lt(imports.createdAt, dayAgo))).returning({ id: imports.id });
  const ended = await db.delete(sessions)
    .where(or(lt(sessions.expiresAt, weekAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, weekAgo)))).returning({ id: sessions.id });
  const statStripes = await foldStatStripes(db, chinaDay(now));
  return { idempotencyKeys: keys.length, importPreviews: previews.length, sessions: ended.length, statStripes };
}
