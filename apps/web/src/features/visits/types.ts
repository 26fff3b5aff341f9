/** Types of the visits API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';

export type VisitListItem = z.infer<typeof C.VisitListItem>;
export type RecordVisitBody = z.input<typeof C.RecordVisitBody>;
export type VisitRecord = z.infer<typeof C.VisitRecord>;
export type ChangeReview = z.infer<typeof C.ChangeReview>;
export type Coverage = z.infer<typeof C.Coverage>;
export type VisitRuleView = z.infer<typeof C.VisitRuleView>;
