import type { InboxPage } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { inboxPage } from './inbox.repository.ts';
import { recipientOf } from './inbox.policy.ts';
import { presentMessage } from './inbox.presenter.ts';

/** The keyset cursor: the last row's creation time and id, `2026-12-07T06:00:00.123Z_<uuid>`. */
const cursorOf = (r: { createdAt: Date; id: string }) => `${r.createdAt.toISOString()}_${r.id}`;

function parseCursor(cursor: string): { at: Date; id: string } {
  const [iso = '', id = ''] = cursor.split('_');
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new AppError('BAD_REQUEST');
  return { at, id };
}

/** A page of the actor's own messages, newest first (optionally only the unread ones). */
export async function inboxList(db: Db, actor: Actor, q: { cursor?: string; limit: number; unread?: 'true' | 'false' }): Promise<InboxPage> {
  const { rows, more } = await inboxPage(db, recipientOf(actor), { before: q.cursor ? parseCursor(q.cursor) : undefined, limit: q.limit, unread: q.unread === 'true' });
  return { items: rows.map(presentMessage), nextCursor: more ? cursorOf(rows[rows.length - 1]!) : null };
}
