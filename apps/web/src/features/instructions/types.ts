/** Types of the instruction API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';

export type InstructionSummary = z.infer<typeof C.InstructionSummary>;
export type CreateInstructionBody = z.input<typeof C.CreateInstructionBody>;
export type Progress = z.infer<typeof C.Progress>;
export type ProgressNode = z.infer<typeof C.ProgressNode>;
export type InboxItem = z.infer<typeof C.InboxItem>;
export type AssignedHousehold = z.infer<typeof C.AssignedHousehold>;
export type LinkView = z.infer<typeof C.LinkView>;
export type UnreachedHousehold = z.infer<typeof C.UnreachedHousehold>;
export type Attachment = z.infer<typeof C.InstructionAttachment>;
export type { Page } from '../../api/types.ts';
export type InstructionPreview = z.infer<typeof C.InstructionPreview>;
export type UncoveredPart = z.infer<typeof C.UncoveredPart>;
