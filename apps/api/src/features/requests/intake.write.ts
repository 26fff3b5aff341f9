import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { timers } from '../../platform/jobs/jobs.table.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { requestEvents, requestStatsDaily, requests } from './requests.table.ts';
import type { RequestRow } from './requests.repository.ts';
import { slaTimers } from './sla.ts';
import { contribution } from './stats.ts';

/**
 * Writes a new request and everything that goes with it as one statement of data-modifying CTEs:
 * one round trip, one implicit transaction, so either all of it is there or none of it.
 */
export async function writeNewRequest(db: Db, actor: Actor, r: RequestRow): Promise<void> {
  const c = contribution(r);
  const parts: SQL[] = [
    db.insert(requests).values(r).getSQL(),
    db.insert(requestEvents).values({
      requestId: r.id, at: r.createdAt, actorUserId: r.channel === 'open311' ? null : actor.userId, actorName: r.channel === 'web' ? '居民' : actor.name,
      kind: 'received', toState: 'received', note: r.regionId ? null : '待定位 / waiting to be placed', data: { channel: r.channel },
    }).getSQL(),
    db.insert(requestStatsDaily).values({ ...c.key, ...c.counts }).onConflictDoUpdate({
      target: [requestStatsDaily.day, requestStatsDaily.regionPath, requestStatsDaily.departmentKey],
      set: Object.fromEntries(Object.entries(c.counts).map(([k, v]) => [k, sql`${requestStatsDaily[k as keyof typeof c.counts]} + ${v}`])),
    }).getSQL(),
    db.insert(auditLog).values(auditRow(actor, { action: 'request.create', subjectType: 'request', subjectId: r.id, regionPath: r.regionPath, after: { ...r, reporterPhoneCipher: undefined } })).getSQL(),
  ];
  const due = slaTimers(r, r.createdAt);
  if (due.length) parts.push(db.insert(timers).values(due).getSQL());
  if (r.reporterUserId) parts.push(db.insert(outbox).values({ channel: 'inbox', template: 'request.received', recipientUserId: r.reporterUserId, payload: { number: r.number, requestId: r.id } }).getSQL());
  else if (r.reporterPhoneHash) parts.push(db.insert(outbox).values({ channel: 'sms', template: 'request.received', payload: { number: r.number, requestId: r.id } }).getSQL());
  await db.execute(sql`WITH ${sql.join(parts.map((p, i) => sql`${sql.raw(`w${i}`)} AS (${p})`), sql`, `)} SELECT 1`);
}
