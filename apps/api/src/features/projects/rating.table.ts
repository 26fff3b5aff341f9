import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns.ts';
import { projects } from './projects.table.ts';

/** A resident's rating of an accepted project (评议完善): one per person, the primary key decides even in a race. */
export const projectRatings = pgTable('project_ratings', {
  projectId: uuid('project_id').notNull().references(() => projects.id),
  userId: uuid('user_id').notNull(),
  stars: integer('stars').notNull(),
  comment: text('comment').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.projectId, t.userId] })]);
