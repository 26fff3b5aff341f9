import { and, eq, ne } from 'drizzle-orm';
import { deadlineFor, transition, type RequestEvent } from '@gongzhi/core';
import type { ActBody } from '@gongzhi/contracts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { cancelTimers } from '../../platform/jobs/scheduler.ts';
import { AppError, found } from '../../platform/errors/app-error.ts';
import { organisationInDistrict } from '../org/organisation.service.ts';
import { findRegion } from '../org/region.service.ts';
import { requestEvents, requestFollowers, requestHandlers, requests, serviceCategories, triageCorrections } from './requests.table.ts';
import { findRequest, type RequestRow } from './requests.repository.ts';
import { isPublicRequest, mayAct, NEEDS, readerOf } from './requests.policy.ts';
import { loadCalendar } from './calendar.service.ts';
import { scheduleSla, SLA_TIMER } from './requests.jobs.ts';
import { applyStats } from './stats.ts';

/** Departments on a request as co-handlers, so their staff may act on it too. */
async function coDepartments(tx: Tx, requestId: string): Promise<string[]> {
  const rows = await tx.select({ o: requestHandlers.organisationId }).from(requestHandlers).where(eq(requestHandlers.requestId, requestId));
  return rows.flatMap((r) => (r.o ? [r.o] : []));
}

const TRANSITION_CODES = {
  forbidden_transition: 'TRANSITION_FORBIDDEN', reason_required: 'REASON_REQUIRED', reopen_window_passed: 'REOPEN_WINDOW_PASSED', reply_time_required: 'TRANSITION_FORBIDDEN', already_rated: 'ALREADY_RATED',
} as const;

/**
 * One step in a request's life, in one transaction: check the state machine and the actor's right,
 * apply the event's effects (category and deadlines, handlers, reply, rating…), and write the
 * timeline entry, audit row, counts, timers and notices with it.
 */
export async function act(db: Db, actor: Actor, id: string, body: ActBody, now: Date): Promise<RequestRow> {
  return db.transaction(async (tx) => {
    const before = found(await findRequest(tx, readerOf(actor), id, { lock: true }), 'REQUEST_NOT_FOUND');
    const co = await coDepartments(tx, id);
    if (!mayAct(actor, before, body.event, co)) throw new AppError(NEEDS[body.event] === 'reporter' ? 'NOT_REPORTER' : 'FORBIDDEN');
    if (body.event === 'rate' && (before.state === 'rated' || before.ratedAt)) throw new AppError('ALREADY_RATED');
    if (body.event === 'rate' && !['replied', 'verified', 'closed'].includes(before.state)) throw new AppError('RATING_NOT_ALLOWED');
    const step = transition(before.state, body.event, {
      reason: body.reason, repliedAt: before.repliedAt ?? undefined, now, closedAt: before.closedAt, ratedAt: before.ratedAt,
    });
    if (!step.ok) throw new AppError(TRANSITION_CODES[step.reason], { state: before.state, event: body.event });
    const set: Partial<RequestRow> = { state: step.state, updatedAt: now };
    let reschedule = false;
    const notePublic = body.event !== 'return' && body.event !== 'escalate';

    switch (body.event) {
      case 'sort': {
        if (!body.matter) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/matter', message: 'required' }]);
        const [cat] = body.categoryCode
          ? await tx.select().from(serviceCategories).where(and(eq(serviceCategories.districtCode, before.districtCode), eq(serviceCategories.code, body.categoryCode)))
          : [];
        if (body.categoryCode && !cat) throw new AppError('CATEGORY_UNKNOWN', { code: body.categoryCode });
        // A category of another class would be saved as a wrong pair and teach the suggester it (私事 · 邻里噪音与纠纷).
        if (cat && cat.matter !== body.matter) throw new AppError('CATEGORY_MATTER_MISMATCH', { category: cat.nameZh, matter: body.matter });
        const calendar = await loadCalendar(tx);
        Object.assign(set, {
          matter: body.matter, categoryId: cat?.id ?? null, departmentId: body.matter === 'big' ? cat?.departmentId ?? before.departmentId : null,
          respondedAt: before.respondedAt ?? now, ownerUserId: before.ownerUserId ?? actor.userId,
          resolveDueAt: cat ? deadlineFor(before.createdAt, cat.resolveHours, cat.workingTime, calendar) : before.resolveDueAt, slaState: 'ok',
        });
        const s = before.suggestion;
        if (s && (s.matter !== body.matter || (body.categoryCode && s.category !== body.categoryCode))) {
          await tx.insert(triageCorrections).values({
            requestId: id, text: before.description, suggestedMatter: s.matter, suggestedCategory: s.category ?? null,
            matter: body.matter, category: body.categoryCode ?? null, actorUserId: actor.userId,
          });
        }
        reschedule = true;
        break;
      }
      case 'dispatch':
      case 'transfer': {
        const target = await handlerTarget(tx, actor, before, body);
        await tx.update(requestHandlers).set({ status: 'done', doneAt: now, note: body.event === 'transfer' ? `转办 / transferred: ${body.reason ?? ''}` : null })
          .where(and(eq(requestHandlers.requestId, id), eq(requestHandlers.role, 'lead'), eq(requestHandlers.status, 'open')));
        await tx.insert(requestHandlers).values({ requestId: id, role: 'lead', organisationId: target.organisationId, regionId: target.regionId, task: body.task ?? null });
        if (target.organisationId) set.departmentId = target.organisationId;
        break;
      }
      case 'return':
        await tx.update(requestHandlers).set({ status: 'done', doneAt: now, note: `退回 / returned: ${body.reason}` })
          .where(and(eq(requestHandlers.requestId, id), eq(requestHandlers.role, 'lead'), eq(requestHandlers.status, 'open')));
        break;
      case 'reply':
        if (!body.reply) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/reply', message: 'required' }]);
        Object.assign(set, { reply: body.reply, repliedAt: now, slaState: 'ok' });
        await cancelTimers(tx, SLA_TIMER, id);
        break;
      case 'close':
        set.closedAt = now;
        await cancelTimers(tx, SLA_TIMER, id);
        break;
      case 'rate':
        if (!body.rating) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/rating', message: 'required' }]);
        Object.assign(set, { rating: body.rating, ratingComment: body.comment ?? null, ratedAt: now });
        break;
      case 'reopen': {
        const [cat] = before.categoryId ? await tx.select().from(serviceCategories).where(eq(serviceCategories.id, before.categoryId)) : [];
        const calendar = await loadCalendar(tx);
        Object.assign(set, {
          reopenedCount: before.reopenedCount + 1, rating: null, ratingComment: null, ratedAt: null, closedAt: null, slaState: 'ok',
          resolveDueAt: deadlineFor(now, cat?.resolveHours ?? 168, cat?.workingTime ?? true, calendar),
        });
        reschedule = true;
        break;
      }
      case 'escalate': {
        const to = (before.escalatedToPath ?? before.regionPath);
        Object.assign(set, { escalationLevel: before.escalationLevel + 1, escalatedToPath: to.length > 6 ? to.slice(0, -3) : to });
        break;
      }
      case 'merge': {
        if (!body.intoId || body.intoId === id) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/intoId', message: 'another request is required' }]);
        const into = found(await findRequest(tx, readerOf(actor), body.intoId), 'REQUEST_NOT_FOUND');
        set.mergedIntoId = into.id;
        if (before.reporterUserId) await tx.insert(requestFollowers).values({ requestId: into.id, userId: before.reporterUserId }).onConflictDoNothing();
        await cancelTimers(tx, SLA_TIMER, id);
        break;
      }
      case 'refer':
      case 'reject':
        set.respondedAt = before.respondedAt ?? now;
        await cancelTimers(tx, SLA_TIMER, id);
        break;
      default:
        break;
    }

    const [after] = await tx.update(requests).set(set).where(eq(requests.id, id)).returning();
    // Neighbours follow only a public request: once it is not (sorted private, merged), they are
    // dropped, so nothing about it reaches them again. The reporter keeps following their own.
    if (!isPublicRequest(after!)) {
      await tx.delete(requestFollowers).where(and(eq(requestFollowers.requestId, id),
        after!.reporterUserId ? ne(requestFollowers.userId, after!.reporterUserId) : undefined));
    }
    if (reschedule) await scheduleSla(tx, after!, now);
    await tx.insert(requestEvents).values({
      requestId: id, at: now, actorUserId: actor.userId, actorName: actor.name, kind: body.event, fromState: before.state, toState: after!.state,
      note: body.reply ?? body.reason ?? body.note ?? body.comment ?? null, public: notePublic,
      data: { matter: body.matter, categoryCode: body.categoryCode, departmentId: body.departmentId, regionId: body.regionId, rating: body.rating, intoId: body.intoId },
    });
    await applyStats(tx, before, after!);
    await audit(tx, actor, { action: `request.${body.event}`, subjectType: 'request', subjectId: id, regionPath: after!.regionPath, before: strip(before), after: strip(after!) });
    await notify(tx, after!, body.event);
    return after!;
  });
}

const strip = (r: RequestRow) => ({ ...r, reporterPhoneCipher: undefined });

/** The lead handler named by a dispatch or transfer: a department (big matters) or a community/grid. */
async function handlerTarget(tx: Tx, actor: Actor, r: RequestRow, body: ActBody): Promise<{ organisationId: string | null; regionId: string | null }> {
  if (body.departmentId) {
    const org = await organisationInDistrict(tx, body.departmentId, r.districtCode);
    return { organisationId: found(org, 'ORGANISATION_NOT_FOUND').id, regionId: null };
  }
  if (body.regionId) {
    const region = found(await findRegion(tx, actor, body.regionId), 'REGION_NOT_FOUND');
    return { organisationId: null, regionId: region.id };
  }
  if (r.departmentId && body.event === 'dispatch') return { organisationId: r.departmentId, regionId: null };
  throw new AppError('DEPARTMENT_REQUIRED');
}

/** Tells the reporter (and, while the request is public, its followers) what happened, when it is something a resident cares about. */
async function notify(tx: Tx, r: RequestRow, event: RequestEvent) {
  if (!['sort', 'dispatch', 'reply', 'refer', 'reject', 'merge', 'close', 'reopen'].includes(event)) return;
  // Followers hear of a request only while it is public (the reporter always does).
  const followers = isPublicRequest(r) ? await tx.select({ u: requestFollowers.userId }).from(requestFollowers).where(eq(requestFollowers.requestId, r.id)) : [];
  const users = new Set([r.reporterUserId, ...followers.map((f) => f.u)].filter((u): u is string => Boolean(u)));
  for (const u of users) await enqueue(tx, { channel: 'inbox', template: `request.${event}`, recipientUserId: u, payload: { requestId: r.id, number: r.number, state: r.state } });
  if (!r.reporterUserId && r.reporterPhoneHash && (event === 'reply' || event === 'refer' || event === 'reject')) {
    await enqueue(tx, { channel: 'sms', template: `request.${event}`, payload: { requestId: r.id, number: r.number } });
  }
}
