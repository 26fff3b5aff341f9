import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';

export type InboxRow = Pick<typeof outbox.$inferSelect, 'id' | 'template' | 'payload' | 'createdAt' | 'readAt'>;

/**
 * Whose inbox: the inbox's scope. A message reaches a person when it names their account, or the
 * resident their account is linked to (users.resident_id, carried on the actor), so a meeting notice
 * addressed to a council member's resident record reaches every account linked to it. Another
 * person's message is not found, like a row outside a region scope.
 */
export interface Recipient { userId: string; residentId: string | null }

/**
 * What an inbox shows of the messages addressed to a person. Sign-in codes go by SMS to a phone,
 * never into an inbox (the partial indexes repeat this predicate). A notice sent on several channels
 * at once (an instruction by SMS and WeChat: one row per channel, same template, same transaction so
 * same created_at) shows once: the copy whose channel sorts first. Written qualified, because inside
 * the sub-select an unqualified column would be the twin's.
 */
const SHOWN = sql.raw(`"outbox"."template" NOT LIKE 'auth.%' AND NOT EXISTS (SELECT 1 FROM outbox twin
  WHERE twin.template = "outbox"."template" AND twin.created_at = "outbox"."created_at" AND twin.channel < "outbox"."channel"
    AND (twin.recipient_user_id = "outbox"."recipient_user_id" OR twin.recipient_resident_id = "outbox"."recipient_resident_id"))`);

function mine(who: Recipient): SQL {
  const toUser = eq(outbox.recipientUserId, who.userId);
  return and(who.residentId ? or(toUser, eq(outbox.recipientResidentId, who.residentId))! : toUser, SHOWN)!;
}

const COLUMNS = { id: outbox.id, template: outbox.template, payload: outbox.payload, createdAt: outbox.createdAt, readAt: outbox.readAt };

/**
 * A page of the person's messages, newest first, by keyset on (created_at, id): a message arriving
 * while they page never shifts or repeats a row.
 */
export async function inboxPage(db: DbOrTx, who: Recipient, opts: { before?: { at: Date; id: string }; limit: number; unread?: boolean }) {
  const conds: SQL[] = [mine(who)];
  if (opts.unread) conds.push(isNull(outbox.readAt));
  // The cursor carries a JavaScript Date (milliseconds) while the column keeps microseconds: key, compare
  // and order on the millisecond, or a message a few microseconds past the cursor's instant is skipped.
  const at = sql`date_trunc('milliseconds', ${outbox.createdAt})`;
  if (opts.before) conds.push(sql`(${at}, ${outbox.id}) < (${opts.before.at.toISOString()}::timestamptz, ${opts.before.id}::uuid)`);
  const rows: InboxRow[] = await db.select(COLUMNS).from(outbox).where(and(...conds)).orderBy(desc(at), desc(outbox.id)).limit(opts.limit + 1);
  return { rows: rows.slice(0, opts.limit), more: rows.length > opts.limit };
}

/** The person's unread messages, counted on the partial unread indexes. */
export async function unreadCount(db: DbOrTx, who: Recipient): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(mine(who), isNull(outbox.readAt)));
  return row?.n ?? 0;
}

/** One of the person's messages, or undefined when it is someone else's (or no message at all). */
export async function findMessage(db: DbOrTx, who: Recipient, id: string): Promise<InboxRow | undefined> {
  const [row] = await db.select(COLUMNS).from(outbox).where(and(eq(outbox.id, id), mine(who)));
  return row;
}

/** Marks one of the person's messages read, keeping the first reading's time. */
export async function markRead(db: DbOrTx, who: Recipient, id: string, at: Date): Promise<void> {
  await db.update(outbox).set({ readAt: at }).where(and(eq(outbox.id, id), mine(who), isNull(outbox.readAt)));
}

/** Marks all of the person's unread messages read; returns how many changed. */
export async function markAllRead(db: DbOrTx, who: Recipient, at: Date): Promise<number> {
  const rows = await db.update(outbox).set({ readAt: at }).where(and(mine(who), isNull(outbox.readAt))).returning({ id: outbox.id });
  return rows.length;
}
