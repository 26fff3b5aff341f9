import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { outbox, type OutboxChannel } from './outbox.table.ts';

export type OutboxMessage = typeof outbox.$inferSelect;

/** Delivers one message through a real channel (SMS gateway, WeChat template message, e-mail…). */
export interface OutboxAdapter {
  /** Recorded on the message as who delivered it. */
  name: string;
  deliver(message: OutboxMessage): Promise<void>;
}

/**
 * The default adapter: no SMS gateway or WeChat is reachable from this deployment, so delivery is
 * written to the log (and the message row records it). The UI says so wherever it mentions notices.
 */
export function logAdapter(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): OutboxAdapter {
  return {
    name: 'log',
    async deliver(m) {
      write(`[outbox] ${m.channel} ${m.template} → ${m.recipientUserId ?? m.recipientResidentId ?? 'nobody'} ${JSON.stringify(m.payload)}`);
    },
  };
}

/** Queues a message in the caller's transaction, so it exists exactly when the change that causes it commits. */
export async function enqueue(tx: DbOrTx, m: { channel: OutboxChannel; template: string; payload: Record<string, unknown>; recipientUserId?: string | null; recipientResidentId?: string | null }) {
  const [row] = await tx.insert(outbox).values({
    channel: m.channel, template: m.template, payload: m.payload, recipientUserId: m.recipientUserId ?? null, recipientResidentId: m.recipientResidentId ?? null,
  }).returning({ id: outbox.id });
  return row!.id;
}

/** Gives up on a message after this many failed deliveries. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * Delivers pending messages oldest first. Each is claimed with FOR UPDATE SKIP LOCKED in its own
 * transaction, so several processes deliver each message once; a failure is counted and retried on a
 * later pass. Returns how many were delivered.
 */
export async function deliverPending(db: Db, adapter: OutboxAdapter, opts: { limit?: number; now?: () => Date } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  let delivered = 0;
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    const outcome = await db.transaction(async (tx) => {
      const [m] = await tx.select().from(outbox).where(and(isNull(outbox.deliveredAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, now())))
        .orderBy(asc(outbox.nextAttemptAt)).limit(1).for('update', { skipLocked: true });
      if (!m) return 'empty' as const;
      try {
        await adapter.deliver(m);
        await tx.update(outbox).set({ deliveredAt: sql`now()`, deliveredBy: adapter.name, attempts: m.attempts + 1 }).where(eq(outbox.id, m.id));
        return 'delivered' as const;
      } catch (err) {
        const attempts = m.attempts + 1;
        await tx.update(outbox).set({
          attempts, lastError: String(err instanceof Error ? err.message : err).slice(0, 1000), failedAt: attempts >= MAX_DELIVERY_ATTEMPTS ? sql`now()` : null,
          nextAttemptAt: new Date(now().getTime() + Math.min(3_600_000, 30_000 * 2 ** (attempts - 1))),
        }).where(eq(outbox.id, m.id));
        return 'failed' as const;
      }
    });
    if (outcome === 'empty') break;
    if (outcome === 'delivered') delivered++;
  }
  return delivered;
}
