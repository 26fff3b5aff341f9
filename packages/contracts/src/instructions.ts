import { z } from 'zod';
import { INSTRUCTION_OUTCOMES, INSTRUCTION_TASKS, RESIDENT_TAGS } from '@gongzhi/core';

export const InstructionTaskEnum = z.enum(INSTRUCTION_TASKS);
export const InstructionOutcomeEnum = z.enum(INSTRUCTION_OUTCOMES);
export const InstructionChannel = z.enum(['sms', 'wechat']);

/** A file uploaded with `POST /api/v1/instructions/attachments`, referenced by its storage key. */
export const InstructionAttachment = z.object({ key: z.string().max(100), name: z.string().max(200), size: z.number().int().min(0), mime: z.string().max(100) });

/** What an officer sends: the text, the target subtree (optionally narrowed by resident tags), the task and the deadline. */
export const CreateInstructionBody = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  regionId: z.uuid(),
  tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).default([]),
  task: InstructionTaskEnum,
  question: z.string().trim().max(500).optional(),
  deadline: z.iso.datetime({ offset: true }),
  channels: z.array(InstructionChannel).max(2).default(['sms']),
  attachments: z.array(InstructionAttachment).max(10).default([]),
  /**
   * The sender has seen the parts of the target nobody would reach (no worker, no micro-grid, no
   * households) and sends anyway; without it such a send is refused with INSTRUCTION_UNCOVERED.
   */
  acknowledgeUncovered: z.boolean().default(false),
});
export type CreateInstructionBody = z.infer<typeof CreateInstructionBody>;

/** One part of a target nobody would reach, and why. */
export const UncoveredPart = z.object({
  regionId: z.uuid(),
  path: z.string(),
  name: z.string(),
  level: z.string(),
  /** Households there that nobody would reach (0 for a place without households). */
  households: z.number().int(),
  reason: z.enum(['no_worker', 'no_households', 'no_microgrid']),
});
export type UncoveredPart = z.infer<typeof UncoveredPart>;

/** What sending a draft would do (a dry run: nothing is written), for the confirmation dialog. */
export const InstructionPreview = z.object({
  microgrids: z.number().int(),
  households: z.number().int(),
  workers: z.number().int(),
  /** Households in places with no worker: they would not be reached. */
  uncoveredHouseholds: z.number().int(),
  uncovered: z.array(UncoveredPart),
});
export type InstructionPreview = z.infer<typeof InstructionPreview>;

export const InstructionSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  task: InstructionTaskEnum,
  question: z.string().nullable(),
  tags: z.array(z.string()),
  channels: z.array(z.string()),
  attachments: z.array(InstructionAttachment),
  regionId: z.uuid(),
  regionPath: z.string(),
  regionName: z.string(),
  issuerName: z.string(),
  deadline: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  microgrids: z.number().int(),
  workers: z.number().int(),
  households: z.number().int(),
  /** What the actor may do with it: issue (close, remind), read. */
  abilities: z.array(z.string()),
});
export type InstructionSummary = z.infer<typeof InstructionSummary>;

export const InstructionListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Counters of one node of the tree with what follows from them. */
export const ProgressNode = z.object({
  path: z.string(),
  name: z.string(),
  level: z.string(),
  microgrids: z.number().int(),
  workers: z.number().int(),
  acked: z.number().int(),
  households: z.number().int(),
  reached: z.number().int(),
  notHome: z.number().int(),
  refused: z.number().int(),
  unstaffed: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  reachedPermille: z.number().int(),
  ackedPermille: z.number().int(),
});
export type ProgressNode = z.infer<typeof ProgressNode>;

/** A node and its children, as the progress page and each SSE message carry it. */
export const Progress = z.object({ instructionId: z.uuid(), node: ProgressNode, children: z.array(ProgressNode), at: z.string() });
export type Progress = z.infer<typeof Progress>;
export const ProgressQuery = z.object({ path: z.string().regex(/^\d{6,18}$/).optional() });

export const RemindBody = z.object({ path: z.string().regex(/^\d{6,18}$/).optional() });

/** One instruction in a worker's inbox, with their own progress on it. */
export const InboxItem = InstructionSummary.extend({
  ackedAt: z.string().nullable(),
  mine: z.object({ households: z.number().int(), reached: z.number().int(), notHome: z.number().int(), refused: z.number().int() }),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const AssignedHousehold = z.object({
  householdId: z.uuid(),
  address: z.string(),
  microgrid: z.string(),
  status: z.enum(['pending', ...INSTRUCTION_OUTCOMES]),
  attempts: z.number().int(),
  answer: z.string().nullable(),
  via: z.string().nullable(),
  recordedAt: z.string().nullable(),
  /** The household's personal confirmation link (path; the page prefixes its origin). */
  link: z.string(),
});
export type AssignedHousehold = z.infer<typeof AssignedHousehold>;

export const RecordBody = z.object({ outcome: InstructionOutcomeEnum, answer: z.string().trim().max(1000).optional() });
export const AckResult = z.object({ acked: z.number().int() });

/** The public confirmation page's view: no personal data beyond the address the link was made for. */
export const LinkView = z.object({
  title: z.string(), body: z.string(), task: InstructionTaskEnum, question: z.string().nullable(), deadline: z.string(),
  address: z.string(), status: z.string(), answer: z.string().nullable(), closed: z.boolean(),
});
export const ConfirmBody = z.object({ answer: z.string().trim().max(1000).optional() });

export const UnreachedHousehold = z.object({ householdId: z.uuid(), address: z.string(), microgrid: z.string(), regionPath: z.string(), status: z.string(), attempts: z.number().int() });
