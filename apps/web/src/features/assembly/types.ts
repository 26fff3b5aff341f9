/** Types of the assembly API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';

export type AssemblySummary = z.infer<typeof C.AssemblySummary>;
export type AssemblyDetail = z.infer<typeof C.AssemblyDetail>;
export type AssemblyMatter = z.infer<typeof C.AssemblyMatter>;
export type AssemblyProgress = z.infer<typeof C.AssemblyProgress>;
export type MatterProgress = z.infer<typeof C.MatterProgress>;
export type TallyResult = z.infer<typeof C.TallyResult>;
export type RollEntry = z.infer<typeof C.RollEntry>;
export type PublicResults = z.infer<typeof C.PublicAssemblyResults>;
export type CreateAssemblyBody = z.input<typeof C.CreateAssemblyBody>;
export type Choice = 'for' | 'against' | 'abstain';
export type { Page } from '../../api/types.ts';
