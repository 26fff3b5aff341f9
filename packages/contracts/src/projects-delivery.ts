import { z } from 'zod';
import { CreateActivityBody } from './activities.ts';

/**
 * Community projects, steps 5–7 (居委会组织实施, 党组织评议验收, 评议完善): weighted milestones and
 * progress with photos, the project's activities, supervisors' inspections and answered concerns,
 * the acceptance panel and rectification, residents' ratings, closing.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
/** Keys of photos uploaded first through POST /api/v1/project-photos (images only, EXIF removed). */
const PhotoKeys = z.array(z.string().max(200)).max(6).default([]);

/** The milestones a project is measured by: whole weights summing to 100 (checked by the service). */
export const ProjectMilestonesBody = z.object({
  milestones: z.array(z.object({ name: Text(60), weight: z.number().int().min(1).max(100) })).min(1).max(20),
});

/** A progress update: how far one milestone is done (0–100 %), what was done, photos. */
export const ProjectProgressBody = z.object({
  milestoneId: z.uuid(),
  donePercent: z.number().int().min(0).max(100),
  note: Text(1000),
  photoKeys: PhotoKeys,
});

/** An activity of the project that residents sign up for (the shared activities feature places and names it). */
export const ProjectActivityBody = CreateActivityBody.omit({ regionId: true, organiserKind: true, organiserId: true, organiserName: true });

/** A supervisor's inspection (监委会民主监督): what was seen, optionally raising a concern that needs an answer. */
export const ProjectInspectionBody = z.object({ note: Text(1000), concern: z.boolean().default(false), photoKeys: PhotoKeys });
export const ProjectConcernAnswerBody = z.object({ answer: Text(1000) });

/** The acceptance panel (党组织评议验收): five members by default (the page fills five rows); criteria default to the district's usual four. */
export const ProjectAcceptanceBody = z.object({
  members: z.array(z.object({
    userId: z.uuid().nullable().optional(), name: Text(40), capacity: Text(20), organisationIds: z.array(z.uuid()).max(10).default([]),
  })).min(3).max(15),
  criteria: z.array(z.object({ name: Text(40), weight: z.number().int().min(1).max(100) })).min(1).max(10).optional(),
});
/** The outcome, once the panel is closed: the panel's finding, shown on the trail. */
export const ProjectAcceptanceOutcomeBody = z.object({ finding: Text(1000) });

/** A resident's rating (评议完善): 1–5 stars and a comment, once per resident of the community. */
export const ProjectRatingBody = z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(500).default('') });

export const ProjectPhotoUpload = z.object({ key: z.string() });

export const DeliveryMilestone = z.object({ id: z.uuid(), name: z.string(), weight: z.number().int(), donePercent: z.number().int() });
export const DeliveryUpdate = z.object({
  id: z.uuid(), milestoneId: z.uuid(), milestone: z.string(), donePercent: z.number().int(), note: z.string(), by: z.string(), at: z.string(), photoIds: z.array(z.uuid()),
});
export const DeliveryInspection = z.object({
  id: z.uuid(), note: z.string(), concern: z.boolean(), answer: z.string().nullable(), answeredAt: z.string().nullable(), by: z.string(), at: z.string(), photoIds: z.array(z.uuid()),
});
export const DeliveryAcceptance = z.object({
  id: z.uuid(), panelId: z.uuid(), state: z.enum(['open', 'passed', 'failed']), score: z.number().int().nullable(), finding: z.string().nullable(),
  openedAt: z.string(), decidedAt: z.string().nullable(), ratingClosesAt: z.string().nullable(),
});
export const DeliveryRating = z.object({ stars: z.number().int(), comment: z.string(), at: z.string() });

/** Everything of steps 5–7 on a project's page; `abilities` says what the viewer may do now. */
export const DeliveryView = z.object({
  projectId: z.uuid(),
  status: z.string(),
  progressPercent: z.number().int(),
  implementer: z.string().nullable(),
  milestones: z.array(DeliveryMilestone),
  updates: z.array(DeliveryUpdate),
  inspections: z.array(DeliveryInspection),
  acceptances: z.array(DeliveryAcceptance),
  acceptanceScore: z.number().int().nullable(),
  passMark: z.number().int(),
  ratingClosesAt: z.string().nullable(),
  ratingOpen: z.boolean(),
  ratingCount: z.number().int(),
  ratingSum: z.number().int(),
  /** Published ratings, newest first, without names. */
  ratings: z.array(DeliveryRating),
  myRating: DeliveryRating.nullable(),
  /** milestones, progress, activity, inspect, answer, open_acceptance, record_outcome, close, rate. */
  abilities: z.array(z.string()),
});
export type DeliveryView = z.infer<typeof DeliveryView>;
