import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/client.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { audit } from '../platform/audit/audit.ts';
import { users } from '../platform/auth/auth.table.ts';
import { roleAssignments } from '../platform/authz/authz.table.ts';
import { regions } from '../features/org/org.table.ts';
import { instructions } from '../features/instructions/instructions.table.ts';
import { dispatchRows } from '../features/instructions/dispatch.repository.ts';
import { newId } from '../platform/db/columns.ts';

const DAY = 86_400_000;

/**
 * Rows a new user expects to find on the worker's pages: an open instruction from the community
 * secretary to the demo grid worker's grid (so 任务 lists a task and its page opens, and the secretary's
 * 指令 list has one to follow). Sent without SMS or WeChat (nothing leaves the outbox for the demo), and
 * none of its households recorded yet, so the grid worker's first walk starts at zero.
 */
export async function seedUxRows(tx: Tx, now = new Date()): Promise<void> {
  const grant = async (role: 'grid_worker' | 'community_secretary') => (await tx.select({ userId: users.id, name: users.name, regionId: roleAssignments.regionId })
    .from(users).innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(and(eq(roleAssignments.role, role), eq(users.demo, true))).orderBy(asc(users.createdAt)).limit(1))[0];
  const [worker, secretary] = [await grant('grid_worker'), await grant('community_secretary')];
  if (!worker?.regionId || !secretary) return;
  const [grid] = await tx.select().from(regions).where(and(eq(regions.id, worker.regionId), eq(regions.level, 'grid')));
  if (!grid) return;
  const id = newId();
  const title = '冬季燃气安全逐户提醒';
  const deadline = new Date(now.getTime() + 5 * DAY);
  await tx.insert(instructions).values({
    id, regionId: grid.id, regionPath: grid.code, districtCode: grid.districtCode, issuerId: secretary.userId, issuerName: secretary.name,
    title, body: '入冬后燃气使用增多。请逐户提醒住户：用气时开窗通风，睡前关闭燃气阀门，热水器不装在浴室内；发现燃气味立即关阀、开窗，到室外拨打 96577。独居老人请当面确认。',
    task: 'relay', channels: [], deadline, createdAt: new Date(now.getTime() - DAY),
  });
  const counts = await dispatchRows(tx, { id, path: grid.code, tags: [], channels: [], title, deadline });
  await tx.update(instructions).set({ microgrids: counts.microgrids, workers: counts.workers, households: counts.households }).where(eq(instructions.id, id));
  await audit(tx, SYSTEM_ACTOR, { action: 'seed.ux', subjectType: 'instruction', subjectId: id, regionPath: grid.code, details: { ...counts } });
}
