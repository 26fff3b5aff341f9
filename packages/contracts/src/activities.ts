import { z } from 'zod';

/** Who organises an activity: the community itself, a volunteer team, a party organisation, a partner, a project. */
export const ORGANISER_KINDS = ['community', 'volunteer_team', 'party_org', 'partner', 'project'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];
/** Who may sign up. */
export const ACTIVITY_AUDIENCES = ['anyone', 'residents', 'volunteers', 'party_members'] as const;
export type ActivityAudience = (typeof ACTIVITY_AUDIENCES)[number];
export const ACTIVITY_STATUSES = ['published', 'cancelled'] as const;
/** A person's place on an activity: confirmed, waiting for a place, or withdrawn. */
export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const CHECK_KINDS = ['in', 'out'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** One entry of the service-category menu (a group has no parent; an item names its group). */
export const ActivityCategory = z.object({
  code: z.string(), nameZh: z.string(), nameEn: z.string(), parentCode: z.string().nullable(),
});
export type ActivityCategory = z.infer<typeof ActivityCategory>;

const Minutes = z.number().int();

export const CreateActivityBody = z.object({
  /** The community (or street) the activity belongs to. */
  regionId: z.uuid(),
  organiserKind: z.enum(ORGANISER_KINDS).default('community'),
  organiserId: z.uuid().nullable().optional(),
  organiserName: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(4000).default(''),
  address: z.string().trim().min(1).max(200),
  spaceId: z.uuid().nullable().optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(100_000),
  categoryCode: z.string().min(1).max(40),
  audience: z.enum(ACTIVITY_AUDIENCES).default('residents'),
  creditsHours: z.boolean().default(false),
  maxCreditedMinutes: Minutes.min(0).max(24 * 60).default(120),
  cancelUntilMinutes: Minutes.min(0).max(30 * 24 * 60).default(120),
  reminderHours: z.number().int().min(0).max(24 * 14).default(24),
});
export type CreateActivityInput = z.infer<typeof CreateActivityBody>;

/** Counts an organiser sees. */
export const ActivityCounts = z.object({ confirmed: z.number().int(), waiting: z.number().int(), checkedIn: z.number().int() });

/** An activity as lists and the public calendar show it: no personal data. */
export const ActivitySummary = z.object({
  id: z.uuid(), title: z.string(), regionId: z.uuid(), regionName: z.string(), organiserKind: z.enum(ORGANISER_KINDS), organiserName: z.string(),
  address: z.string(), startsAt: z.string(), endsAt: z.string(), capacity: z.number().int(), categoryCode: z.string(), categoryName: z.string(),
  audience: z.enum(ACTIVITY_AUDIENCES), creditsHours: z.boolean(), status: z.enum(ACTIVITY_STATUSES), placesLeft: z.number().int(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

/** The signed-in person's own place on an activity. */
export const MySignup = z.object({
  status: z.enum(SIGNUP_STATUSES),
  /** 1 for the first on the waiting list; null unless waiting. */
  waitingPosition: z.number().int().nullable(),
  checkedInAt: z.string().nullable(), checkedOutAt: z.string().nullable(),
  /** Until when the person may still cancel. */
  cancelUntil: z.string(),
});
export type MySignup = z.infer<typeof MySignup>;

export const ActivityDetail = ActivitySummary.extend({
  description: z.string(), spaceId: z.uuid().nullable(), maxCreditedMinutes: z.number().int(), cancelUntilMinutes: z.number().int(),
  counts: ActivityCounts.nullable(),
  me: MySignup.nullable(),
  abilities: z.object({ signUp: z.boolean(), manage: z.boolean() }),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const OrganiserListItem = ActivitySummary.extend({ counts: ActivityCounts });
export type OrganiserListItem = z.infer<typeof OrganiserListItem>;

export const MyActivity = ActivitySummary.extend({ me: MySignup });
export type MyActivity = z.infer<typeof MyActivity>;

export const NearQuery = z.object({ category: z.string().max(40).optional() });
export const OrganiserListQuery = z.object({ regionId: z.uuid().optional(), past: z.enum(['true', 'false']).optional() });

/** The code an organiser's screen shows: a signed token for the QR, its 6-character short form. */
export const CheckCode = z.object({
  kind: z.enum(CHECK_KINDS), token: z.string(), shortCode: z.string(), expiresAt: z.string(), refreshAfterSeconds: z.number().int(),
});
export const CheckCodeQuery = z.object({ kind: z.enum(CHECK_KINDS).default('in') });
/** What a resident sends: the scanned token or the typed short code. */
export const CheckBody = z.object({ code: z.string().trim().min(6).max(400) });
export const CheckResult = z.object({ kind: z.enum(CHECK_KINDS), checkedInAt: z.string().nullable(), checkedOutAt: z.string().nullable() });

export const AttendanceItem = z.object({
  signupId: z.uuid(), name: z.string(), status: z.enum(SIGNUP_STATUSES), waitingPosition: z.number().int().nullable(),
  checkedInAt: z.string().nullable(), checkedOutAt: z.string().nullable(), present: z.boolean(), markedByHand: z.boolean(),
});
export const MarkAttendanceBody = z.object({
  present: z.boolean(),
  checkedInAt: z.iso.datetime({ offset: true }).nullable().optional(),
  checkedOutAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const SignupParams = z.object({ id: z.uuid(), signupId: z.uuid() });
export const CalendarParams = z.object({ regionId: z.uuid() });
export const FeedQuery = z.object({ token: z.string().min(10).max(200) });
export const FeedLink = z.object({ path: z.string() });
export const PublicCalendar = z.object({ regionName: z.string(), icsPath: z.string(), items: z.array(ActivitySummary) });
