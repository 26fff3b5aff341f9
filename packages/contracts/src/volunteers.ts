import { z } from 'zod';

/** Parts of the day a volunteer may be free. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export const VOLUNTEER_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const SERVICE_RECORD_STATUSES = ['pending', 'approved', 'rejected'] as const;

const Day = z.iso.date();
const Reason = z.string().trim().max(500);

/** One weekly slot: weekday 1 (Monday) … 7 (Sunday) and a part of the day. */
export const AvailabilitySlot = z.object({ weekday: z.number().int().min(1).max(7), part: z.enum(DAY_PARTS) });

/** A person registering themself as a volunteer; the real name comes from their register entry. */
export const RegisterVolunteerBody = z.object({
  skills: z.array(z.string().min(1).max(40)).max(20).default([]),
  skillsOther: z.string().trim().max(200).default(''),
  availability: z.array(AvailabilitySlot).max(21).default([]),
  serviceAreas: z.array(z.uuid()).max(20).default([]),
  teamIds: z.array(z.uuid()).max(10).default([]),
});

/** A community's decision on a registration; a rejection says why. */
export const DecideVolunteerBody = z.object({ decision: z.enum(['verify', 'reject']), reason: Reason.optional() });

/** A volunteer as staff lists show them: phone and ID masked. */
export const VolunteerView = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  idMasked: z.string().nullable(),
  regionPath: z.string(),
  skills: z.array(z.string()),
  skillsOther: z.string(),
  availability: z.array(AvailabilitySlot),
  serviceAreas: z.array(z.uuid()),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  status: z.enum(VOLUNTEER_STATUSES),
  rejectReason: z.string().nullable(),
  approvedMinutes: z.number().int(),
  star: z.number().int(),
  createdAt: z.string(),
});
export type VolunteerView = z.infer<typeof VolunteerView>;

export const VolunteerListQuery = z.object({
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const TeamBody = z.object({ regionId: z.uuid(), name: z.string().trim().min(1).max(60), leaderVolunteerId: z.uuid().nullable().default(null) });
export const TeamMemberBody = z.object({ volunteerId: z.uuid() });
export const TeamView = z.object({
  id: z.uuid(), name: z.string(), regionId: z.uuid(), regionPath: z.string(),
  leaderVolunteerId: z.uuid().nullable(), leaderName: z.string().nullable(), memberCount: z.number().int(),
});
export type TeamView = z.infer<typeof TeamView>;

/** An organiser records service: the day (Asia/Shanghai), start and end times, and what was done. */
export const RecordServiceBody = z.object({
  serviceDay: Day,
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  title: z.string().trim().min(1).max(200),
  activityId: z.uuid().nullable().default(null),
  categoryCode: z.string().trim().min(1).max(40).default('general'),
});

/** What recording an activity's hours from its attendance did. */
export const ActivityHoursResult = z.object({ created: z.number().int(), skipped: z.number().int() });
export const DecideRecordBody = z.object({ decision: z.enum(['approve', 'reject']), reason: Reason.optional() });

export const ServiceRecordView = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerName: z.string(),
  title: z.string(),
  activityId: z.uuid().nullable(),
  categoryCode: z.string(),
  serviceDay: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  minutes: z.number().int(),
  source: z.enum(['organiser', 'attendance']),
  status: z.enum(SERVICE_RECORD_STATUSES),
  recordedBy: z.uuid(),
  recordedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** Whether the viewer may approve or reject it (never the one who recorded it, nor the volunteer). */
  mayReview: z.boolean(),
});
export type ServiceRecordView = z.infer<typeof ServiceRecordView>;

export const ServiceRecordQuery = z.object({
  status: z.enum(SERVICE_RECORD_STATUSES).optional(),
  volunteerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A volunteer's totals: approved and pending minutes, and the star level from approved hours. */
export const VolunteerSummary = z.object({
  approvedMinutes: z.number().int(),
  pendingMinutes: z.number().int(),
  star: z.number().int(),
  /** The district's thresholds in hours (one per star). */
  thresholdsHours: z.array(z.number().int()),
});

/** The signed-in person's own volunteer page. */
export const MyVolunteer = z.object({
  name: z.string().nullable(),
  registration: VolunteerView.nullable(),
  summary: VolunteerSummary,
  records: z.array(ServiceRecordView),
  /** Teams of the person's community they may join when registering. */
  teams: z.array(TeamView),
});
export type MyVolunteer = z.infer<typeof MyVolunteer>;

export const SkillOption = z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() });
export const SkillBody = z.object({ code: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/), labelZh: z.string().trim().min(1).max(40), labelEn: z.string().trim().min(1).max(60) });

export const CapBody = z.object({ categoryCode: z.string().trim().min(1).max(40), maxMinutes: z.number().int().min(1).max(24 * 60) });
export const CapView = z.object({ categoryCode: z.string(), maxMinutes: z.number().int() });
export const StarThresholdBody = z.object({ districtCode: z.string().regex(/^\d{6}$/), hours: z.array(z.number().int().min(1).max(100000)).length(5) });

/** The period a certificate covers (both days included); absent means from the first record to today. */
export const CertificateQuery = z.object({ from: Day.optional(), to: Day.optional() });
