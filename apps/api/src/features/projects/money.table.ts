import { bigint, index, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.ts';
import { projects } from './projects.table.ts';

/**
 * Each request for an instalment of a project's payment plan: which instalment (k, 1-based), its amount
 * in fen and the fund expense that asks for it (the funds' two-person flow). Its state is the expense's:
 * pending, approved (paid) or rejected (refused — the instalment may then be asked again). Written in
 * the expense's own transaction, with the project row locked, so an instalment is asked once at a time.
 */
export const projectInstalments = pgTable('project_instalments', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  k: integer('k').notNull(),
  amount: bigint('amount', { mode: 'bigint' }).notNull(),
  expenseId: uuid('expense_id').notNull(),
  requestedBy: uuid('requested_by').notNull(),
  createdAt: createdAt(),
}, (t) => [index('project_instalments_project_idx').on(t.projectId, t.k), index('project_instalments_expense_idx').on(t.expenseId)]);
