import { z } from 'zod';

/** A UUID path or body parameter. */
export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

/** Paging for lists: `limit` (1–200, default 50) and an opaque `cursor` or `offset`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The error body every 4xx/5xx answer carries. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A page of items with the total count. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
