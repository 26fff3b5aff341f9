import { z } from 'zod';

/** A text in both languages the platform speaks; the web shows the one its reader chose. */
export const Bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

/** One message of a person's inbox, rendered from the outbox's template and payload. */
export const InboxMessage = z.object({
  id: z.uuid(),
  /** The outbox template, e.g. `request.reply` (for the web's icons and tests; the text is in title/body). */
  template: z.string(),
  title: Bilingual,
  body: Bilingual,
  /** The console page of the thing the message is about, or null when there is none to open. */
  link: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type InboxMessage = z.infer<typeof InboxMessage>;

/** Keyset paging, newest first: `cursor` is the `nextCursor` of the previous page. */
export const InboxQuery = z.object({
  cursor: z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).optional(),
});

export const InboxPage = z.object({ items: z.array(InboxMessage), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof InboxPage>;

export const InboxCount = z.object({ unread: z.number().int().min(0) });
export type InboxCount = z.infer<typeof InboxCount>;

export const InboxReadAll = z.object({ marked: z.number().int().min(0) });
