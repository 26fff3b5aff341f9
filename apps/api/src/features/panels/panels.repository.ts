import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { inScope, type Scope } from '../../platform/authz/scope.ts';
import { likePrefix } from '../../platform/db/like.ts';
import { panelCandidates, panelCriteria, panelMembers, panels, panelScores } from './panels.table.ts';

export type PanelRow = typeof panels.$inferSelect;
export type MemberRow = typeof panelMembers.$inferSelect;
export type CriterionRow = typeof panelCriteria.$inferSelect;
export type CandidateRow = typeof panelCandidates.$inferSelect;
export type ScoreRow = typeof panelScores.$inferSelect;

/** Rows of a panel a viewer may see: in `scope`, or (`memberUserId`) any panel they sit on. */
const visible = (scope: Scope, memberUserId?: string) => {
  const inArea = inScope(scope, { region: panels.regionPath });
  if (!memberUserId) return inArea;
  const sits = sql`EXISTS (SELECT 1 FROM panel_members m WHERE m.panel_id = ${panels.id} AND m.user_id = ${memberUserId})`;
  return inArea === undefined ? undefined : sql`(${inArea} OR ${sits})`;
};

/** A panel in the viewer's reach (scope, or sitting on it); out of reach is undefined. `lock` serialises closing. */
export async function findPanel(db: DbOrTx, scope: Scope, id: string, opts: { memberUserId?: string; lock?: boolean } = {}): Promise<PanelRow | undefined> {
  const q = db.select().from(panels).where(and(eq(panels.id, id), visible(scope, opts.memberUserId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

export async function listPanels(db: DbOrTx, scope: Scope, f: { regionCode?: string; subjectKind?: string; subjectId?: string; memberUserId?: string; limit: number; offset: number }) {
  const where = and(
    visible(scope, f.memberUserId),
    f.subjectKind ? eq(panels.subjectKind, f.subjectKind) : undefined,
    f.subjectId ? eq(panels.subjectId, f.subjectId) : undefined,
    f.regionCode ? sql`${panels.regionPath} LIKE ${likePrefix(f.regionCode)}` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select().from(panels).where(where).orderBy(desc(panels.createdAt), desc(panels.id)).limit(f.limit).offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(panels).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Everything a panel holds, each list in its order. */
export async function panelParts(db: DbOrTx, panelId: string) {
  const [members, criteria, candidates, scores] = await Promise.all([
    db.select().from(panelMembers).where(eq(panelMembers.panelId, panelId)).orderBy(asc(panelMembers.position)),
    db.select().from(panelCriteria).where(eq(panelCriteria.panelId, panelId)).orderBy(asc(panelCriteria.position)),
    db.select().from(panelCandidates).where(eq(panelCandidates.panelId, panelId)).orderBy(asc(panelCandidates.position)),
    db.select().from(panelScores).where(eq(panelScores.panelId, panelId)),
  ]);
  return { members, criteria, candidates, scores };
}

export async function insertPanel(tx: DbOrTx, p: typeof panels.$inferInsert, parts: {
  members: Omit<typeof panelMembers.$inferInsert, 'panelId' | 'position'>[];
  criteria: Omit<typeof panelCriteria.$inferInsert, 'panelId' | 'position'>[];
  candidates: Omit<typeof panelCandidates.$inferInsert, 'panelId' | 'position'>[];
}): Promise<PanelRow> {
  const [row] = await tx.insert(panels).values(p).returning();
  const panelId = row!.id;
  await tx.insert(panelMembers).values(parts.members.map((m, position) => ({ ...m, panelId, position })));
  await tx.insert(panelCriteria).values(parts.criteria.map((c, position) => ({ ...c, panelId, position })));
  await tx.insert(panelCandidates).values(parts.candidates.map((c, position) => ({ ...c, panelId, position })));
  return row!;
}

/** A member of the panel, locked: one scorecard at a time per member, so a card is entered once. */
export async function lockMember(tx: DbOrTx, panelId: string, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await tx.select().from(panelMembers).where(and(eq(panelMembers.id, memberId), eq(panelMembers.panelId, panelId))).for('update');
  return row;
}

export async function hasScored(tx: DbOrTx, memberId: string, candidateId: string): Promise<boolean> {
  const [row] = await tx.select({ id: panelScores.id }).from(panelScores).where(and(eq(panelScores.memberId, memberId), eq(panelScores.candidateId, candidateId))).limit(1);
  return row !== undefined;
}

export async function insertScores(tx: DbOrTx, rows: (typeof panelScores.$inferInsert)[]): Promise<void> {
  await tx.insert(panelScores).values(rows);
}

export async function markAbsent(tx: DbOrTx, memberId: string, at: Date, reason: string): Promise<void> {
  await tx.update(panelMembers).set({ absentAt: at, absentReason: reason }).where(eq(panelMembers.id, memberId));
}

export async function closePanelRow(tx: DbOrTx, id: string, at: Date, by: string): Promise<void> {
  await tx.update(panels).set({ state: 'closed', closedAt: at, closedBy: by }).where(eq(panels.id, id));
}
