import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { VerifyPaperBallotBody } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { assemblyBallots } from './assembly.table.ts';
import { findAssembly, rollEntry } from './assembly.repository.ts';
import { refuseErasedOwner } from './ballot.service.ts';
import { mayManage } from './assembly.policy.ts';

/**
 * The scrutineer (监票人) checks a paper ballot against its scan: a second staff member, never the
 * one who entered it. Accepted, it counts from then on; rejected, it is removed (with its scan), so
 * the owner may vote again or a corrected ballot be entered. Only while the vote is not closed: a
 * ballot still pending at the close never counts. The assembly row is locked FOR KEY SHARE, as a
 * ballot does, so the close waits for a check in flight; the update takes only a pending ballot,
 * so two scrutineers racing cannot both act on it.
 */
export async function verifyPaper(db: Db, storage: Storage, actor: Actor, assemblyId: string, body: z.infer<typeof VerifyPaperBallotBody>, now: Date): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const a = found(await findAssembly(tx, scopeFor(actor, 'assembly.read'), assemblyId, { lock: 'key share' }), 'ASSEMBLY_NOT_FOUND');
    if (!mayManage(actor, { regionPath: a.regionPath })) throw new AppError('FORBIDDEN');
    if (a.state !== 'voting') throw new AppError(a.state === 'noticed' ? 'ASSEMBLY_PAPER_NOT_FOUND' : 'ASSEMBLY_VOTING_CLOSED');
    const pending = and(eq(assemblyBallots.assemblyId, a.id), eq(assemblyBallots.ownerKey, body.ownerKey), eq(assemblyBallots.channel, 'paper'), isNull(assemblyBallots.verifiedAt));
    const rows = await tx.select().from(assemblyBallots).where(pending).for('update');
    if (rows.length === 0) throw new AppError('ASSEMBLY_PAPER_NOT_FOUND');
    if (rows.some((r) => r.castByUserId === actor.userId)) throw new AppError('ASSEMBLY_VERIFY_SELF');
    if (body.accept) {
      await refuseErasedOwner(tx, (await rollEntry(tx, a.id, body.ownerKey))?.parties ?? []);
      await tx.update(assemblyBallots).set({ verifiedByUserId: actor.userId, verifiedAt: now }).where(pending);
    } else {
      await tx.delete(assemblyBallots).where(pending);
    }
    await audit(tx, actor, {
      action: body.accept ? 'assembly.ballot.paper_verify' : 'assembly.ballot.paper_reject', subjectType: 'assembly', subjectId: a.id, regionPath: a.regionPath,
      details: { ownerKey: body.ownerKey, enteredBy: rows[0]!.castByUserId, scan: rows[0]!.scanKey },
    });
    return body.accept ? null : rows[0]!.scanKey;
  });
  if (removed) await storage.remove(removed);
}
