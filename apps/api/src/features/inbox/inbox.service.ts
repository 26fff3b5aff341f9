import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { found } from '../../platform/errors/app-error.ts';
import { findMessage, markAllRead, markRead, unreadCount } from './inbox.repository.ts';
import { recipientOf } from './inbox.policy.ts';
import { presentMessage } from './inbox.presenter.ts';

/**
 * Marks one of the actor's messages read and answers it. Idempotent: a second call keeps the first
 * reading time. Another person's message is not found.
 */
export async function readMessage(db: Db, actor: Actor, id: string, now: Date) {
  const who = recipientOf(actor);
  return db.transaction(async (tx) => {
    found(await findMessage(tx, who, id), 'INBOX_MESSAGE_NOT_FOUND');
    await markRead(tx, who, id, now);
    return presentMessage((await findMessage(tx, who, id))!);
  });
}

/** Marks all of the actor's messages read (全部已读); returns how many were unread. Idempotent. */
export async function readAll(db: Db, actor: Actor, now: Date): Promise<{ marked: number }> {
  const who = recipientOf(actor);
  return db.transaction(async (tx) => {
    const marked = await markAllRead(tx, who, now);
    if (marked > 0) await audit(tx, actor, { action: 'inbox.read_all', subjectType: 'user', subjectId: actor.userId, regionPath: null, after: { marked } });
    return { marked };
  });
}

/** How many of the actor's messages are unread (the bell's number); other features' home cards use it too. */
export async function unreadFor(db: Db, actor: Actor): Promise<number> {
  return unreadCount(db, recipientOf(actor));
}
