import type { z } from 'zod';
import type { ProjectEvent, RequestProjectLink } from '@gongzhi/contracts';
import type { projects } from './projects.table.ts';

/** A project with its trail: the money, the implementer, progress, acceptance and ratings, then every step. */
export function presentTrail(p: typeof projects.$inferSelect, events: z.infer<typeof ProjectEvent>[]): z.infer<typeof RequestProjectLink> {
  return {
    id: p.id, title: p.title, status: p.status, costFen: p.costFen.toString(),
    awardedFen: p.awardedFen?.toString() ?? null, paidFen: p.paidFen.toString(), implementer: p.implementerLabel, progress: p.progressPercent,
    acceptanceScore: p.acceptanceScore, ratingCount: p.ratingCount, ratingSum: p.ratingSum, events,
  };
}
