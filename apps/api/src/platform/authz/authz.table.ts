import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@gongzhi/core';
import { users } from '../auth/auth.table.ts';
import { createdAt, id } from '../db/columns.ts';

/** A role held by a user, bound to a region subtree (by its path), an organisation, or nothing. */
export const roleAssignments = pgTable('role_assignments', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  role: text('role').$type<Role>().notNull(),
  regionId: uuid('region_id'),
  regionPath: text('region_path'),
  organisationId: uuid('organisation_id'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
}, (t) => [index('role_assignments_user_idx').on(t.userId)]);
