import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, scopeColumns } from '../../platform/db/columns.ts';

/** A panel takes scores while open; closed once every member has scored (or been recorded absent). */
export type PanelState = 'open' | 'closed';

/** A scoring panel (评审小组) for some feature's subject: bids, an acceptance, a partner's evaluation, awards. */
export const panels = pgTable('panels', {
  id: id(),
  /** What is being scored, e.g. 'tender' (bids), 'acceptance', 'partner_evaluation', 'award'. */
  subjectKind: text('subject_kind').notNull(),
  subjectId: uuid('subject_id').notNull(),
  ...scopeColumns(),
  regionId: uuid('region_id'),
  title: text('title').notNull(),
  state: text('state').$type<PanelState>().notNull(),
  createdBy: uuid('created_by'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by'),
  createdAt: createdAt(),
}, (t) => [
  index('panels_subject_idx').on(t.subjectKind, t.subjectId),
  index('panels_region_idx').on(t.regionPath.op('text_pattern_ops'), t.createdAt),
]);

/**
 * A member of a panel: a person (with their user account when they score for themselves) and the
 * organisations they are linked to, which they may not score. A member who cannot score has their
 * absence recorded instead.
 */
export const panelMembers = pgTable('panel_members', {
  id: id(),
  panelId: uuid('panel_id').notNull().references(() => panels.id),
  position: integer('position').notNull(),
  userId: uuid('user_id'),
  name: text('name').notNull(),
  /** e.g. 党组织, 议事会成员, 监委会, 居民代表, 专家. */
  capacity: text('capacity').notNull(),
  organisationIds: uuid('organisation_ids').array().notNull(),
  absentAt: timestamp('absent_at', { withTimezone: true }),
  absentReason: text('absent_reason'),
}, (t) => [index('panel_members_panel_idx').on(t.panelId, t.position)]);

/** A criterion and its weight: whole numbers adding up to 100 over the panel. */
export const panelCriteria = pgTable('panel_criteria', {
  id: id(),
  panelId: uuid('panel_id').notNull().references(() => panels.id),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  weight: integer('weight').notNull(),
}, (t) => [index('panel_criteria_panel_idx').on(t.panelId, t.position)]);

/** What the panel scores: a bid (with the bidder's organisation), a project, a partner… */
export const panelCandidates = pgTable('panel_candidates', {
  id: id(),
  panelId: uuid('panel_id').notNull().references(() => panels.id),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  /** The caller's own record (e.g. the bid's id). */
  refId: uuid('ref_id'),
  /** The candidate's organisation: members linked to it may not score this candidate. */
  organisationId: uuid('organisation_id'),
}, (t) => [index('panel_candidates_panel_idx').on(t.panelId, t.position)]);

/**
 * One member's scorecard for one candidate: the score for each criterion in tenths (0–1000, so at most
 * one decimal without floating point). Entered once: the unique index backs the row lock on the member.
 */
export const panelScores = pgTable('panel_scores', {
  id: id(),
  panelId: uuid('panel_id').notNull().references(() => panels.id),
  memberId: uuid('member_id').notNull().references(() => panelMembers.id),
  candidateId: uuid('candidate_id').notNull().references(() => panelCandidates.id),
  criterionId: uuid('criterion_id').notNull().references(() => panelCriteria.id),
  tenths: integer('tenths').notNull(),
  enteredBy: uuid('entered_by').notNull(),
  scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('panel_scores_uq').on(t.memberId, t.candidateId, t.criterionId),
  index('panel_scores_panel_idx').on(t.panelId),
]);
