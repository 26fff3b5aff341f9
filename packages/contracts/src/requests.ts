import { z } from 'zod';
import { MATTERS, REQUEST_EVENTS, REQUEST_STATES } from '@gongzhi/core';

export const Matter = z.enum(MATTERS);
export const RequestState = z.enum(REQUEST_STATES);
export const RequestEventKind = z.string();
export const Channel = z.enum(['web', 'grid_worker', 'phone', 'open311']);
/** Descriptions are plain text: stored and shown as text, never rendered as HTML. */
export const Description = z.string().trim().min(1).max(4000);

export const CreateRequestBody = z.object({
  description: Description,
  categoryCode: z.string().max(60).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  address: z.string().trim().max(300).optional(),
  /** A grid or micro-grid chosen on a list, when there is no map point. */
  regionId: z.uuid().optional(),
  anonymous: z.boolean().default(false),
  /** How staff received it: a grid worker during a visit, or a phone call (一口受理). Residents omit it. */
  channel: z.enum(['web', 'grid_worker', 'phone']).optional(),
  /** On someone's behalf: a registered resident, or a name and phone for a caller. */
  reporter: z.object({ residentId: z.uuid().optional(), name: z.string().trim().max(50).optional(), phone: z.string().trim().max(30).optional() }).optional(),
}).refine((b) => (b.lat === undefined) === (b.lng === undefined), { message: 'give both lat and lng, or neither', path: ['lat'] });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const Suggestion = z.object({ matter: Matter, category: z.string().optional(), department: z.string().optional(), confidence: z.number() });

export const RequestSummary = z.object({
  id: z.uuid(), number: z.string(), state: RequestState, description: z.string(), matter: Matter.nullable(),
  /** `name` in Chinese, `nameEn` in English: lists are cached and shared, so both travel. */
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  region: z.object({ id: z.uuid(), name: z.string(), code: z.string() }).nullable(),
  address: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable(),
  channel: Channel, slaState: z.enum(['ok', 'yellow', 'red']), escalationLevel: z.number().int(),
  respondDueAt: z.string(), resolveDueAt: z.string().nullable(), createdAt: z.string(), repliedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const TimelineEntry = z.object({
  id: z.uuid(), at: z.string(), kind: z.string(), actorName: z.string(), fromState: RequestState.nullable(), toState: RequestState.nullable(),
  note: z.string().nullable(), public: z.boolean(),
});
export const HandlerView = z.object({
  id: z.uuid(), role: z.enum(['lead', 'co']), organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  region: z.object({ id: z.uuid(), name: z.string() }).nullable(), task: z.string().nullable(), status: z.enum(['open', 'done']), note: z.string().nullable(),
});
export const RequestDetail = RequestSummary.extend({
  reply: z.string().nullable(), ratingComment: z.string().nullable(), reopenedCount: z.number().int(),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), self: z.boolean() }).nullable(),
  anonymous: z.boolean(), suggestion: Suggestion.nullable(), owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  /** Who is handling an open request (the staff member answering for it) and their masked work phone. */
  contact: z.object({ name: z.string(), phone: z.string() }).nullable(),
  handlers: z.array(HandlerView), timeline: z.array(TimelineEntry),
  extensions: z.array(z.object({ id: z.uuid(), hours: z.number().int(), reason: z.string(), status: z.enum(['pending', 'approved', 'refused']), createdAt: z.string() })),
  photos: z.array(z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string().nullable() })),
  /** Events this actor may trigger now; the UI shows only these. */
  allowed: z.array(z.string()),
  following: z.boolean(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const RequestListQuery = z.object({
  state: RequestState.optional(), open: z.stringbool().optional(), matter: Matter.optional(), slaState: z.enum(['ok', 'yellow', 'red']).optional(),
  regionId: z.uuid().optional(), departmentId: z.uuid().optional(), unplaced: z.stringbool().optional(), mine: z.stringbool().optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});

/** One step on a request; which fields matter depends on the event. */
export const ActBody = z.object({
  event: z.enum(REQUEST_EVENTS),
  note: z.string().trim().max(2000).optional(),
  reason: z.string().trim().max(2000).optional(),
  /** sort */
  matter: Matter.optional(), categoryCode: z.string().max(60).optional(),
  /** dispatch/transfer: a department, or a community/grid for small matters */
  departmentId: z.uuid().optional(), regionId: z.uuid().optional(), task: z.string().trim().max(500).optional(),
  /** reply */
  reply: z.string().trim().max(4000).optional(),
  /** rate */
  rating: z.number().int().min(1).max(5).optional(), comment: z.string().trim().max(1000).optional(),
  /** merge */
  intoId: z.uuid().optional(),
});
export type ActBody = z.infer<typeof ActBody>;

export const PlaceBody = z.object({ regionId: z.uuid().optional(), lat: z.number().optional(), lng: z.number().optional() })
  .refine((b) => b.regionId || (b.lat !== undefined && b.lng !== undefined), { message: 'give a region or a point' });
export const AddHandlerBody = z.object({ organisationId: z.uuid().optional(), regionId: z.uuid().optional(), task: z.string().trim().min(1).max(500) })
  .refine((b) => Boolean(b.organisationId) !== Boolean(b.regionId), { message: 'give an organisation or a region' });
export const HandlerDoneBody = z.object({ note: z.string().trim().max(2000).optional() });
export const ExtensionBody = z.object({ hours: z.number().int().min(1).max(24 * 30), reason: z.string().trim().min(1).max(1000) });
export const DecideBody = z.object({ approve: z.boolean() });
export const SimilarQuery = z.object({ lat: z.coerce.number(), lng: z.coerce.number(), categoryCode: z.string().max(60).optional() });

export const CategoryView = z.object({
  id: z.uuid(), code: z.string(), name: z.string(), nameZh: z.string(), nameEn: z.string(), matter: Matter,
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(), respondHours: z.number().int(), resolveHours: z.number().int(),
  workingTime: z.boolean(), requiredFields: z.array(z.string()), active: z.boolean(),
});
export const UpdateCategoryBody = z.object({
  nameZh: z.string().trim().min(1).max(60).optional(), nameEn: z.string().trim().min(1).max(80).optional(), departmentId: z.uuid().nullable().optional(),
  respondHours: z.number().int().min(1).max(24 * 30).optional(), resolveHours: z.number().int().min(1).max(24 * 90).optional(),
  workingTime: z.boolean().optional(), requiredFields: z.array(z.enum(['location', 'photo', 'address'])).optional(), active: z.boolean().optional(),
});

export const Rates = z.object({
  received: z.number().int(), responded: z.number().int(), resolved: z.number().int(), rated: z.number().int(), satisfied: z.number().int(),
  respondedOnTime: z.number().int(), resolvedOnTime: z.number().int(),
  /** Ratios in [0,1], or null when the denominator is zero. */
  responseRate: z.number().nullable(), resolutionRate: z.number().nullable(), satisfactionRate: z.number().nullable(), onTimeRate: z.number().nullable(),
});
export const KpiQuery = z.object({ regionId: z.uuid().optional(), departmentId: z.uuid().optional(), from: z.iso.date(), to: z.iso.date() });
export const KpiView = z.object({
  region: z.object({ id: z.uuid(), name: z.string(), code: z.string(), level: z.string() }).nullable(),
  from: z.string(), to: z.string(), total: Rates,
  children: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string(), level: z.string(), rates: Rates })),
  daily: z.array(z.object({ day: z.string(), received: z.number().int(), resolved: z.number().int() })),
});
