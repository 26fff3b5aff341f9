import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityCategory, ActivityDetail, ActivitySummary, AttendanceItem, CalendarParams, CheckBody, CheckCode, CheckCodeQuery, CheckResult,
  CreateActivityBody, FeedLink, FeedQuery, IdParams, MarkAttendanceBody, MyActivity, NearQuery, OrganiserListItem, OrganiserListQuery,
  PublicCalendar, SignupParams,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { cancelActivity, cancelSignup, checkCodeFor, checkWithCode, createActivity, markAttendance, signUp } from './activities.service.ts';
import {
  activitiesNearMe, activityDetail, attendanceList, categoryMenu, communityIcs, myActivities, myFeedPath, organiserActivities, personalIcs, publicCalendar,
} from './activities.read.service.ts';
import { isVerifiedVolunteer } from '../volunteers/volunteers.service.ts';

const ICS = 'text/calendar; charset=utf-8';

/** Activities (社区活动): finding and joining them, organising them, QR check-in, calendars. */
export async function activityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, vault } = deps;
  const now = clockOf(deps);
  const tags = ['activities'];
  const manage = { action: 'activity.manage', subject: 'activities' } as const;
  const join = { action: 'activity.join', subject: 'activities' } as const;

  r.get('/api/v1/activities/categories', { config: { access: 'signed-in' },
    schema: { tags, summary: 'The service-category menu (groups and items)', response: { 200: z.array(ActivityCategory) } },
  }, async (request) => (await categoryMenu(db, requireActor(request))).map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, parentCode: c.parentCode })));

  r.get('/api/v1/activities/near', { config: { access: { action: 'activity.join' } },
    schema: { tags, summary: 'Activities near me: where I live, my community and its street, upcoming first', querystring: NearQuery, response: { 200: z.array(ActivitySummary) } },
  }, async (request) => activitiesNearMe(db, requireActor(request), request.query, now()));

  r.get('/api/v1/activities/mine', { config: { access: { action: 'activity.join' } },
    schema: { tags, summary: 'My activities: signed up, waiting (with my place), attended', response: { 200: z.array(MyActivity) } },
  }, async (request) => myActivities(db, requireActor(request)));

  r.get('/api/v1/activities', { config: { access: { action: 'activity.manage', query: { regionId: 'regions' } } },
    schema: { tags, summary: "Organiser's list with counts (signed up, waiting, checked in)", querystring: OrganiserListQuery, response: { 200: z.array(OrganiserListItem) } },
  }, async (request) => organiserActivities(db, requireActor(request), request.query, now()));

  r.post('/api/v1/activities', { config: { access: { action: 'activity.manage' } },
    schema: { tags, summary: 'Create an activity in a community of my area', body: CreateActivityBody, response: { 201: ActivityDetail } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = await createActivity(db, actor, request.body, now());
    return reply.status(201).send(await activityDetail(db, actor, id, now()));
  });

  r.get('/api/v1/activities/:id', { config: { access: join },
    schema: { tags, summary: 'One activity, with my sign-up and what I may do', params: IdParams, response: { 200: ActivityDetail } },
  }, async (request) => activityDetail(db, requireActor(request), request.params.id, now()));

  r.post('/api/v1/activities/:id/signup', { config: { access: join },
    schema: { tags, summary: 'Sign up: a place, or the waiting list when full', params: IdParams, response: { 200: ActivityDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    // A volunteers-only activity asks the volunteers feature whether this person is verified.
    await signUp(db, actor, request.params.id, now(), (a) => (a.residentId ? isVerifiedVolunteer(db, a.residentId) : Promise.resolve(false)));
    return activityDetail(db, actor, request.params.id, now());
  });

  r.post('/api/v1/activities/:id/signup/cancel', { config: { access: join },
    schema: { tags, summary: 'Withdraw my sign-up (until the cancel-until time); the first waiting person gets the place', params: IdParams, response: { 200: ActivityDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await cancelSignup(db, actor, request.params.id, now());
    return activityDetail(db, actor, request.params.id, now());
  });

  r.post('/api/v1/activities/:id/check', { config: { access: join },
    schema: { tags, summary: 'Check in or out with the code on the organiser’s screen (scanned token or 6-character code)', params: IdParams, body: CheckBody, response: { 200: CheckResult } },
  }, async (request) => {
    const s = await checkWithCode(db, vault, requireActor(request), request.params.id, request.body.code, now());
    return { kind: s.kind, checkedInAt: s.checkedInAt?.toISOString() ?? null, checkedOutAt: s.checkedOutAt?.toISOString() ?? null };
  });

  r.get('/api/v1/activities/:id/code', { config: { access: manage },
    schema: { tags, summary: 'A fresh signed check-in/out code for the organiser’s screen (valid about 60 s)', params: IdParams, querystring: CheckCodeQuery, response: { 200: CheckCode } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return checkCodeFor(db, vault, requireActor(request), request.params.id, request.query.kind, now());
  });

  r.get('/api/v1/activities/:id/attendance', { config: { access: manage },
    schema: { tags, summary: 'Attendance list: confirmed, waiting in order, withdrawn', params: IdParams, response: { 200: z.array(AttendanceItem) } },
  }, async (request) => attendanceList(db, requireActor(request), request.params.id));

  r.post('/api/v1/activities/:id/attendance/:signupId', { config: { access: { ...manage, params: { signupId: 'activity_signups.activity_id' } } },
    schema: { tags, summary: 'Mark a person present or absent by hand (optionally with times)', params: SignupParams, body: MarkAttendanceBody, response: { 200: z.array(AttendanceItem) } },
  }, async (request) => {
    const actor = requireActor(request);
    await markAttendance(db, actor, request.params.id, request.params.signupId, request.body, now());
    return attendanceList(db, actor, request.params.id);
  });

  r.post('/api/v1/activities/:id/cancel', { config: { access: manage },
    schema: { tags, summary: 'Cancel the activity; everyone signed up is told', params: IdParams, response: { 200: ActivityDetail } },
  }, async (request) => {
    const actor = requireActor(request);
    await cancelActivity(db, actor, request.params.id);
    return activityDetail(db, actor, request.params.id, now());
  });

  r.get('/api/v1/activities/calendar/link', { config: { access: 'signed-in' },
    schema: { tags, summary: 'My personal calendar feed link (carries a token, since calendar apps cannot send cookies)', response: { 200: FeedLink } },
  }, async (request) => myFeedPath(vault, requireActor(request)));

  r.get('/api/v1/activities/calendar/me.ics', { config: { access: 'public' },
    schema: { tags, summary: 'My activities as iCalendar (token from the feed link)', querystring: FeedQuery },
  }, async (request, reply) => reply.type(ICS).header('cache-control', 'private, no-store').send(await personalIcs(db, vault, request.query.token)));

  r.get('/api/v1/activities/calendar/community/:regionId', { config: { access: 'public' },
    schema: { tags, summary: 'A community’s public activity calendar (no personal data)', params: CalendarParams, response: { 200: PublicCalendar } },
  }, async (request) => publicCalendar(db, request.params.regionId, now()));

  r.get('/api/v1/activities/calendar/community/:regionId.ics', { config: { access: 'public' },
    schema: { tags, summary: 'A community’s public activity calendar as iCalendar', params: CalendarParams },
  }, async (request, reply) => reply.type(ICS).header('cache-control', 'public, max-age=300').send(await communityIcs(db, request.params.regionId, now())));
}
