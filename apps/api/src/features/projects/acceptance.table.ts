import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.ts';
import { projects } from './projects.table.ts';

export type AcceptanceState = 'open' | 'passed' | 'failed';

/**
 * One acceptance (党组织评议验收) of a project: the panel that scores it, then its outcome. A failed one
 * sends the project to rectification and a later acceptance gets a row of its own; a passed one opens
 * the residents' rating window until `ratingClosesAt`.
 */
export const projectAcceptances = pgTable('project_acceptances', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  panelId: uuid('panel_id').notNull(),
  state: text('state').$type<AcceptanceState>().notNull(),
  /** The panel's score in hundredths (8650 = 86.50). */
  score: integer('score'),
  finding: text('finding'),
  openedBy: uuid('opened_by').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  ratingClosesAt: timestamp('rating_closes_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('project_acceptances_project_idx').on(t.projectId, t.createdAt)]);
