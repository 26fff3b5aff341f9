import { z } from 'zod';
/** PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail on the insert. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NO_NUL = /^[^\u0000]*$/;
const Text = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, 'must not contain NUL');

/** A notice is open while its window runs (and until every objection is answered), then closed; withdrawn when an objection was upheld. */
export const NOTICE_STATES = ['open', 'closed', 'withdrawn'] as const;
export const PublicNoticeState = z.enum(NOTICE_STATES);

export const PublicNoticeQuery = z.object({
  /** A region's code (e.g. a community's): its notices and those of the places inside it. */
  regionCode: z.string().regex(/^\d{6,18}$/).optional(),
  kind: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  state: PublicNoticeState.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).default(0),
});

export const NoticeObjectionBody = z.object({ text: Text(2000) });
/** The answer every objection must receive: upheld (the subject goes back) or dismissed, with the reason. */
export const NoticeAnswerBody = z.object({ outcome: z.enum(['upheld', 'dismissed']), reason: Text(2000) });
export const NoticeObjectionParams = z.object({ id: z.uuid(), objectionId: z.uuid() });

/** An objection as the public board shows it: never its author; its text masked for all but its author and staff. */
export const PublicNoticeObjection = z.object({
  id: z.uuid(), text: z.string(), createdAt: z.string(), outcome: z.enum(['upheld', 'dismissed']).nullable(),
  answer: z.string().nullable(), answeredAt: z.string().nullable(), mine: z.boolean(),
});

export const PublicNotice = z.object({
  id: z.uuid(), kind: z.string(), subjectId: z.uuid(), title: z.string(), body: z.string(), state: PublicNoticeState,
  region: z.object({ id: z.uuid(), name: z.string(), code: z.string() }).nullable(),
  workingDays: z.number().int(), publishedAt: z.string(), windowEndsAt: z.string(), closedAt: z.string().nullable(), withdrawnAt: z.string().nullable(),
  objectionCount: z.number().int(), unansweredCount: z.number().int(), windowOpen: z.boolean(),
});
export const PublicNoticeDetail = PublicNotice.extend({
  objections: z.array(PublicNoticeObjection),
  /** 'object' while the window runs and the viewer lives in the notice's area; 'answer' for staff of the area. */
  abilities: z.array(z.string()),
});
export type PublicNotice = z.infer<typeof PublicNotice>;
export type PublicNoticeDetail = z.infer<typeof PublicNoticeDetail>;
