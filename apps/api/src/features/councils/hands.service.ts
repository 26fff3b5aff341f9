import { and, eq, isNull } from 'drizzle-orm';
import { chinaDay } from '@gongzhi/core';
import type { z } from 'zod';
import type { ShowOfHandsBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { councilShowOfHands } from './councils.table.ts';
import { findMotion, handsOf, votesOf } from './councils.repository.ts';
import { mayManage } from './councils.policy.ts';
import { requireStarted } from './meeting.service.ts';
import { quorumOf } from './motion.service.ts';

// A show of hands (举手表决) is the only way staff put members' votes on record: one staff member
// enters the counts, a second, different one confirms them; until then they count for nothing.
// Nobody casts a vote in a member's name any more (a member votes for themself on their phone).

/** The open motion (locked) of a started meeting, for someone who runs its council. */
async function managedOpenMotion(tx: Tx, actor: Actor, motionId: string, now: Date) {
  const row = await findMotion(tx, scopeFor(actor, 'council.read'), motionId, true);
  if (!row || !mayManage(actor, row.c.regionPath)) throw new AppError('MOTION_NOT_FOUND');
  if (row.mo.state !== 'open') throw new AppError('MOTION_CLOSED');
  requireStarted(row.m, now);
  return row;
}

/** Hands and the votes members cast themselves may not together exceed the members present. */
async function checkWithinPresent(tx: Tx, row: Awaited<ReturnType<typeof managedOpenMotion>>, hands: number, now: Date) {
  const [q, votes] = await Promise.all([quorumOf(tx, row.c.id, row.m.id, row.c.quorum, chinaDay(now)), votesOf(tx, [row.mo.id])]);
  if (hands + votes.length > q.present) throw new AppError('SHOW_OF_HANDS_TOO_MANY', { hands, cast: votes.length, present: q.present });
}

/**
 * Records the counts of a show of hands, awaiting a second staff member's confirmation. While it is
 * unconfirmed it may be entered again (by anyone who runs the council: the entry is then theirs).
 */
export async function recordShowOfHands(db: Db, actor: Actor, motionId: string, body: z.infer<typeof ShowOfHandsBody>, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const row = await managedOpenMotion(tx, actor, motionId, now);
    const [existing] = await handsOf(tx, [motionId]);
    if (existing?.confirmedAt) throw new AppError('SHOW_OF_HANDS_CONFIRMED');
    await checkWithinPresent(tx, row, body.for + body.against + body.abstain, now);
    const values = {
      forCount: body.for, againstCount: body.against, abstainCount: body.abstain,
      recordedBy: actor.userId, recordedByName: actor.name, recordedAt: now,
    };
    const [after] = existing
      ? await tx.update(councilShowOfHands).set(values).where(and(eq(councilShowOfHands.id, existing.id), isNull(councilShowOfHands.confirmedAt))).returning()
      : await tx.insert(councilShowOfHands).values({ motionId, ...values }).returning();
    await audit(tx, actor, { action: 'council.show_of_hands', subjectType: 'council_motion', subjectId: motionId, regionPath: row.m.regionPath, before: existing, after });
    return row.m.id;
  });
}

/**
 * A second staff member confirms the show of hands; from then on it counts. The one who entered it
 * cannot confirm it. Two confirmations racing: the motion row is locked and the update only takes an
 * unconfirmed entry, so exactly one wins and the other is told it is already confirmed.
 */
export async function confirmShowOfHands(db: Db, actor: Actor, motionId: string, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const row = await managedOpenMotion(tx, actor, motionId, now);
    const [existing] = await handsOf(tx, [motionId]);
    if (!existing) throw new AppError('SHOW_OF_HANDS_MISSING');
    if (existing.confirmedAt) throw new AppError('SHOW_OF_HANDS_CONFIRMED');
    if (existing.recordedBy === actor.userId) throw new AppError('SHOW_OF_HANDS_SAME_PERSON');
    await checkWithinPresent(tx, row, existing.forCount + existing.againstCount + existing.abstainCount, now);
    const [after] = await tx.update(councilShowOfHands).set({ confirmedBy: actor.userId, confirmedByName: actor.name, confirmedAt: now })
      .where(and(eq(councilShowOfHands.id, existing.id), isNull(councilShowOfHands.confirmedAt))).returning();
    if (!after) throw new AppError('SHOW_OF_HANDS_CONFIRMED');
    await audit(tx, actor, { action: 'council.show_of_hands_confirm', subjectType: 'council_motion', subjectId: motionId, regionPath: row.m.regionPath, before: existing, after });
    return row.m.id;
  });
}
