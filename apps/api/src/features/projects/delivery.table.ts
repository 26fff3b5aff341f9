import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../platform/db/columns.ts';
import { projects } from './projects.table.ts';

/**
 * A project's milestones (Decidim-style results with weighted children): whole weights summing to 100,
 * each done 0–100 %; the project's progress is Σ weight × done / 100, rounded down.
 */
export const projectMilestones = pgTable('project_milestones', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  weight: integer('weight').notNull(),
  donePercent: integer('done_percent').notNull().default(0),
}, (t) => [index('project_milestones_project_idx').on(t.projectId, t.position)]);

/** A progress update (施工进度): one milestone's done percentage, what was done, by whom as the public sees it. */
export const projectUpdates = pgTable('project_updates', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  milestoneId: uuid('milestone_id').notNull().references(() => projectMilestones.id),
  donePercent: integer('done_percent').notNull(),
  note: text('note').notNull(),
  /** The organisation's name, or 社区居委会 (居民实施): never a person. */
  byLabel: text('by_label').notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [index('project_updates_project_idx').on(t.projectId, t.createdAt)]);

/** A supervisor's inspection (监委会民主监督); a concern stays open until the implementer or staff answer it. */
export const projectInspections = pgTable('project_inspections', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  note: text('note').notNull(),
  concern: boolean('concern').notNull(),
  byLabel: text('by_label').notNull(),
  userId: uuid('user_id').notNull(),
  answer: text('answer'),
  answeredBy: uuid('answered_by'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('project_inspections_project_idx').on(t.projectId, t.createdAt)]);

/** A photo of an update or an inspection: re-encoded on upload (upright, EXIF and its GPS position gone). */
export const projectPhotos = pgTable('project_photos', {
  id: id(),
  projectId: uuid('project_id').notNull().references(() => projects.id),
  updateId: uuid('update_id').references(() => projectUpdates.id),
  inspectionId: uuid('inspection_id').references(() => projectInspections.id),
  storageKey: text('storage_key').notNull(),
  createdAt: createdAt(),
}, (t) => [index('project_photos_project_idx').on(t.projectId)]);
