import { z } from 'zod';

/** Where an instalment of a project's payment plan stands: planned, pending a second person's approval, paid, or refused (it may be asked again). */
export const INSTALMENT_STATES = ['planned', 'pending', 'paid', 'refused'] as const;
export const InstalmentState = z.enum(INSTALMENT_STATES);

/** Asking for instalment `k` (1-based) of the plan, with the receipts or invoices already uploaded to the fund. */
export const InstalmentBody = z.object({
  k: z.number().int().min(1).max(20),
  attachmentIds: z.array(z.uuid()).min(1).max(10),
  /** What the payment is for, in the staff's words; a default naming the project and instalment is used when absent. */
  reason: z.string().trim().min(1).max(500).optional(),
});

/** One instalment of the plan: its share (percent) and amount in fen, and its state. */
export const InstalmentView = z.object({
  k: z.number().int(),
  percent: z.number().int(),
  amountFen: z.string(),
  state: InstalmentState,
  /** The fund expense of its latest request, if any (shown on the fund's approval page). */
  expenseId: z.uuid().nullable(),
  /** The ledger entry that paid it, once paid. */
  transactionId: z.uuid().nullable(),
});

/**
 * A project's money: the fund paying it, what is reserved, paid, pending and left (all integer fen as
 * strings), the instalment plan, and what the viewer may do ('request').
 */
export const ProjectMoneyView = z.object({
  projectId: z.uuid(),
  fund: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  reservationId: z.uuid().nullable(),
  /** 'open' while the money is kept for the project, 'released' once the rest went back to the fund, null before the reservation. */
  reservationState: z.enum(['open', 'released']).nullable(),
  awardedFen: z.string().nullable(),
  reservedFen: z.string(),
  paidFen: z.string(),
  pendingFen: z.string(),
  /** Awarded minus paid. */
  leftFen: z.string(),
  /** What went back to the fund at close, once released. */
  releasedFen: z.string().nullable(),
  payee: z.string().nullable(),
  instalments: z.array(InstalmentView),
  abilities: z.array(z.enum(['request'])),
});
export type ProjectMoneyView = z.infer<typeof ProjectMoneyView>;
