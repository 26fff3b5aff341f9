import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { placehold, runPrepared } from '../../platform/db/prepared.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { auditRow } from '../../platform/audit/audit.ts';
import { timers } from '../../platform/jobs/jobs.table.ts';
import { outbox } from '../../platform/outbox/outbox.table.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { requestEvents, requestStatsDaily, requests } from './requests.table.ts';
import type { RequestRow } from './requests.repository.ts';
import { slaTimers } from './requests.jobs.ts';
import { contribution } from './stats.ts';

/**
 * Writes a new request and everything that goes with it as one statement of data-modifying CTEs:
 * one round trip, one implicit transaction, so either all of it is there or none of it. The statement is
 * built once per shape and prepared (platform/db/prepared.ts): intake is the platform's hottest write.
 */
export async function writeNewRequest(db: Db, actor: Actor, r: RequestRow): Promise<void> {
  const c = contribution(r);
  const request = placehold('r', requests, r);
  const event = placehold('e', requestEvents, {
    requestId: r.id, at: r.createdAt, actorUserId: r.channel === 'open311' ? null : actor.userId, actorName: r.channel === 'web' ? '居民' : actor.name,
    kind: 'received' as const, toState: 'received' as const, note: r.regionId ? null : '待定位 / waiting to be placed', data: { channel: r.channel },
  });
  const stats = placehold('s', requestStatsDaily, { ...c.key, ...c.counts });
  const audit = placehold('a', auditLog, auditRow(actor, { action: 'request.create', subjectType: 'request', subjectId: r.id, regionPath: r.regionPath, after: { ...r, reporterPhoneCipher: undefined } }));
  const due = slaTimers(r, r.createdAt).map((t, i) => placehold(`t${i}`, timers, t));
  const notice = r.reporterUserId
    ? placehold('o', outbox, { channel: 'inbox' as const, template: 'request.received', recipientUserId: r.reporterUserId, payload: { number: r.number, requestId: r.id } })
    : r.reporterPhoneHash ? placehold('o', outbox, { channel: 'sms' as const, template: 'request.received', payload: { number: r.number, requestId: r.id } }) : null;
  const rows = [request, event, stats, audit, ...due, ...(notice ? [notice] : [])];
  const build = () => {
    const parts: SQL[] = [
      db.insert(requests).values(request.template).getSQL(),
      db.insert(requestEvents).values(event.template).getSQL(),
      db.insert(requestStatsDaily).values(stats.template).onConflictDoUpdate({
        target: [requestStatsDaily.day, requestStatsDaily.regionPath, requestStatsDaily.departmentKey, requestStatsDaily.stripe],
        set: Object.fromEntries(Object.keys(c.counts).map((k) => [k, sql`${requestStatsDaily[k as keyof typeof c.counts]} + ${sql.placeholder(`s_${k}`)}`])),
      }).getSQL(),
      db.insert(auditLog).values(audit.template).getSQL(),
    ];
    if (due.length) parts.push(db.insert(timers).values(due.map((t) => t.template)).getSQL());
    if (notice) parts.push(db.insert(outbox).values(notice.template).getSQL());
    return sql`WITH ${sql.join(parts.map((p, i) => sql`${sql.raw(`w${i}`)} AS (${p})`), sql`, `)} SELECT 1`;
  };
  await runPrepared(db, `intake:${rows.map((x) => x.shape).join(';')}`, build, Object.assign({}, ...rows.map((x) => x.values)));
}
