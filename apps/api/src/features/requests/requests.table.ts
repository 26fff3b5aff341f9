import {
  bigint, boolean, char, date, doublePrecision, index, integer, jsonb, pgSequence, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Matter, RequestEvent, RequestState, TriageModel } from '@gongzhi/core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.ts';

/** The service catalogue of a district: what residents can report, who resolves it, and how fast. */
export const serviceCategories = pgTable('service_categories', {
  id: id(),
  districtCode: char('district_code', { length: 6 }).notNull(),
  /** Scope column: the district's code, so district staff manage their own catalogue. */
  regionPath: text('region_path').notNull(),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  matter: text('matter').$type<Matter>().notNull(),
  departmentId: uuid('department_id'),
  respondHours: integer('respond_hours').notNull(),
  resolveHours: integer('resolve_hours').notNull(),
  workingTime: boolean('working_time').notNull(),
  /** Fields a request of this category must carry: 'location', 'photo', 'address'. */
  requiredFields: text('required_fields').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('service_categories_code_uq').on(t.districtCode, t.code)]);

export const requestNumbers = pgSequence('request_number_seq', { startWith: 1 });

/** How a request reached us. */
export type Channel = 'web' | 'grid_worker' | 'phone' | 'open311';

/**
 * A resident's request. `region_path` is the grid (or micro-grid) it was placed in, or the district's
 * code while it waits unplaced, so district staff see the unplaced queue and nobody below them does.
 */
export const requests = pgTable('requests', {
  id: id(),
  /** The staff-facing number (GZ…): runs in sequence, so it is never used in a public answer or URL. */
  number: text('number').notNull(),
  /**
   * The id the public knows the request by (Open311's `service_request_id`, public pages): random,
   * so the public ids cannot be walked as the sequential numbers can (issue 14 · item 4).
   */
  publicId: uuid('public_id').notNull().defaultRandom(),
  districtCode: char('district_code', { length: 6 }).notNull(),
  regionId: uuid('region_id'),
  regionPath: text('region_path').notNull(),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  address: text('address'),
  description: text('description').notNull(),
  categoryId: uuid('category_id'),
  matter: text('matter').$type<Matter>(),
  departmentId: uuid('department_id'),
  channel: text('channel').$type<Channel>().notNull(),
  reporterUserId: uuid('reporter_user_id'),
  reporterResidentId: uuid('reporter_resident_id'),
  reporterName: text('reporter_name'),
  reporterPhoneHash: text('reporter_phone_hash'),
  reporterPhoneCipher: text('reporter_phone_cipher'),
  reporterPhoneMasked: text('reporter_phone_masked'),
  /** Hidden from the public (Open311 lists, other residents) but known to staff. */
  anonymous: boolean('anonymous').notNull().default(false),
  state: text('state').$type<RequestState>().notNull(),
  /** 首问负责: the first staff member who took it on answers for it to the end. */
  ownerUserId: uuid('owner_user_id'),
  suggestion: jsonb('suggestion').$type<{ matter: Matter; category?: string; department?: string; confidence: number }>(),
  respondDueAt: timestamp('respond_due_at', { withTimezone: true }).notNull(),
  resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  reply: text('reply'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  rating: integer('rating'),
  ratingComment: text('rating_comment'),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
  reopenedCount: integer('reopened_count').notNull().default(0),
  mergedIntoId: uuid('merged_into_id'),
  /** How many levels up the tree it has been escalated, and where it is watched from now. */
  escalationLevel: integer('escalation_level').notNull().default(0),
  escalatedToPath: text('escalated_to_path'),
  slaState: text('sla_state').$type<'ok' | 'yellow' | 'red'>().notNull().default('ok'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('requests_number_uq').on(t.number),
  uniqueIndex('requests_public_id_uq').on(t.publicId),
  index('requests_region_path_idx').on(t.regionPath.op('text_pattern_ops'), t.createdAt),
  index('requests_department_idx').on(t.departmentId, t.state),
  index('requests_state_idx').on(t.state, t.createdAt),
  index('requests_reporter_idx').on(t.reporterUserId, t.createdAt),
  index('requests_place_idx').on(t.lat, t.lng).where(sql`lat IS NOT NULL`),
]);

/** The timeline: every step, visible to the resident unless marked internal. */
export const requestEvents = pgTable('request_events', {
  id: id(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorName: text('actor_name').notNull(),
  kind: text('kind').$type<RequestEvent | 'received' | 'comment' | 'sla_yellow' | 'sla_red' | 'handler_added' | 'handler_done' | 'extension_requested' | 'extension_decided' | 'placed' | 'followed'>().notNull(),
  fromState: text('from_state').$type<RequestState>(),
  toState: text('to_state').$type<RequestState>(),
  note: text('note'),
  public: boolean('public').notNull().default(true),
  data: jsonb('data').$type<Record<string, unknown>>(),
}, (t) => [index('request_events_request_idx').on(t.requestId, t.at)]);

/** The lead handler and co-handlers (后台协同办理), each with their own sub-task. */
export const requestHandlers = pgTable('request_handlers', {
  id: id(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  organisationId: uuid('organisation_id'),
  regionId: uuid('region_id'),
  role: text('role').$type<'lead' | 'co'>().notNull(),
  task: text('task'),
  status: text('status').$type<'open' | 'done'>().notNull().default('open'),
  note: text('note'),
  doneAt: timestamp('done_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('request_handlers_request_idx').on(t.requestId), index('request_handlers_org_idx').on(t.organisationId, t.status)]);

/** Residents who reported the same thing and asked to follow it ("add yourself"). */
export const requestFollowers = pgTable('request_followers', {
  requestId: uuid('request_id').notNull().references(() => requests.id),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.requestId, t.userId] })]);

/** A request for more time, approved or refused by a supervisor. */
export const requestExtensions = pgTable('request_extensions', {
  id: id(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  requestedBy: uuid('requested_by').notNull(),
  hours: integer('hours').notNull(),
  reason: text('reason').notNull(),
  status: text('status').$type<'pending' | 'approved' | 'refused'>().notNull().default('pending'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('request_extensions_request_idx').on(t.requestId)]);

/** Staff corrections of the suggester, kept to retrain it. */
export const triageCorrections = pgTable('triage_corrections', {
  id: id(),
  requestId: uuid('request_id').notNull(),
  text: text('text').notNull(),
  suggestedMatter: text('suggested_matter').$type<Matter>(),
  suggestedCategory: text('suggested_category'),
  matter: text('matter').$type<Matter>().notNull(),
  category: text('category'),
  actorUserId: uuid('actor_user_id'),
  createdAt: createdAt(),
});

/** Days that differ from the default calendar: extra holidays or make-up working days. */
export const workCalendarDays = pgTable('work_calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').$type<'holiday' | 'workday'>().notNull(),
  note: text('note'),
});

/** How many rows one (day, grid, department) bucket may be spread over; see `stripe`. */
export const STAT_STRIPES = 8;

/**
 * Daily counts per grid and department, maintained in the same transaction as every change to a
 * request (a request's old contribution is subtracted and its new one added), so the rates for any
 * node and period are sums over a prefix, not scans of millions of requests. Readers always sum.
 */
export const requestStatsDaily = pgTable('request_stats_daily', {
  day: date('day').notNull(),
  regionPath: text('region_path').notNull(),
  /** The department's id, or '' for requests the community keeps. */
  departmentKey: text('department_key').notNull(),
  /**
   * Which of the bucket's rows a write lands on: the writing connection's, by default. One row per
   * bucket made every intake of a grid wait for the previous one's commit (the upsert locks the row);
   * concurrent transactions run on different connections, so they now add to different rows. The
   * housekeeping folds past days back into stripe 0 (`foldStatStripes`), so reads stay lean.
   */
  stripe: smallint('stripe').notNull().default(sql`(pg_backend_pid() % ${sql.raw(String(STAT_STRIPES))})`),
  received: bigint('received', { mode: 'number' }).notNull().default(0),
  responded: bigint('responded', { mode: 'number' }).notNull().default(0),
  respondedOnTime: bigint('responded_on_time', { mode: 'number' }).notNull().default(0),
  resolved: bigint('resolved', { mode: 'number' }).notNull().default(0),
  resolvedOnTime: bigint('resolved_on_time', { mode: 'number' }).notNull().default(0),
  rated: bigint('rated', { mode: 'number' }).notNull().default(0),
  satisfied: bigint('satisfied', { mode: 'number' }).notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.day, t.regionPath, t.departmentKey, t.stripe] }),
  index('request_stats_daily_path_idx').on(t.regionPath.op('text_pattern_ops'), t.day),
  index('request_stats_daily_dept_idx').on(t.departmentKey, t.day),
]);

/** Photos attached to a request, stored through the storage adapter. */
export const requestPhotos = pgTable('request_photos', {
  id: id(),
  requestId: uuid('request_id').notNull().references(() => requests.id),
  storageKey: text('storage_key').notNull(),
  thumbKey: text('thumb_key'),
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width'),
  height: integer('height'),
  createdAt: createdAt(),
}, (t) => [index('request_photos_request_idx').on(t.requestId)]);

/** Suggester models retrained from the shipped corpus plus this deployment's staff corrections. */
export const triageModels = pgTable('triage_models', {
  id: id(),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
  examples: integer('examples').notNull(),
  corrections: integer('corrections').notNull(),
  /** Share of the shipped held-out set it sorts into the right matter, in 1/10000 (an integer, not a float). */
  heldOutMatterBp: integer('held_out_matter_bp').notNull(),
  model: jsonb('model').$type<TriageModel>().notNull(),
  active: boolean('active').notNull().default(true),
});
