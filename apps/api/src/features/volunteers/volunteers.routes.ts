import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityHoursResult, CapBody, CapView, CertificateQuery, DecideRecordBody, DecideVolunteerBody, IdParams, MyVolunteer, RecordServiceBody, RegisterVolunteerBody, ServiceRecordQuery,
  ServiceRecordView, SkillBody, SkillOption, StarThresholdBody, TeamBody, TeamMemberBody, TeamView, VolunteerListQuery, VolunteerView,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { sendPdf } from '../../platform/documents/pdf.ts';
import { certificatePdf, myCertificate, staffCertificate } from './certificate.service.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { createTeam, decideVolunteer, joinTeam, registerSelf, setHourCap, setSkill, setStarThresholds } from './volunteers.service.ts';
import { decideServiceRecord, recordService } from './service-record.service.ts';
import { recordActivityHours } from './activity-hours.service.ts';
import { hourCaps, myVolunteer, recordPage, recordView, skillOptions, teamPage, volunteerDetail, volunteerPage } from './volunteers.read.service.ts';

const Ok = z.object({ ok: z.literal(true) });

/** Volunteers (志愿服务): registration and verification, teams, service records and their review, settings. */
export async function volunteerRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['volunteers'];

  r.get('/api/v1/volunteers/me', { config: { access: 'signed-in' },
    schema: { tags, summary: 'My volunteer page: registration, approved and pending hours, star, records, teams I may join', response: { 200: MyVolunteer } },
  }, async (request) => myVolunteer(db, requireActor(request)));

  r.post('/api/v1/volunteers/me', { config: { access: { action: 'volunteer.register' } },
    schema: { tags, summary: 'Register myself as a volunteer (again: updates the one registration)', body: RegisterVolunteerBody, response: { 200: MyVolunteer, 201: MyVolunteer } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { created } = await registerSelf(db, actor, request.body, now());
    return reply.status(created ? 201 : 200).send(await myVolunteer(db, actor));
  });

  r.get('/api/v1/volunteers/skills', { config: { access: 'signed-in' },
    schema: { tags, summary: 'The skills volunteers choose from', response: { 200: z.array(SkillOption) } },
  }, async () => skillOptions(db));

  r.post('/api/v1/volunteers/skills', { config: { access: { action: 'volunteer.configure' } },
    schema: { tags, summary: 'Add or relabel a skill on the list', body: SkillBody, response: { 200: Ok } },
  }, async (request) => { await setSkill(db, requireActor(request), request.body); return { ok: true as const }; });

  r.get('/api/v1/volunteers', { config: { access: { action: 'volunteer.read' } },
    schema: { tags, summary: 'Volunteers in my region, newest first (phone and ID masked)', querystring: VolunteerListQuery, response: { 200: z.array(VolunteerView) } },
  }, async (request) => volunteerPage(db, requireActor(request), request.query));

  r.get('/api/v1/volunteers/teams', { config: { access: { action: 'volunteer.read' } },
    schema: { tags, summary: 'Volunteer teams in my region', response: { 200: z.array(TeamView) } },
  }, async (request) => teamPage(db, requireActor(request)));

  r.post('/api/v1/volunteers/teams', { config: { access: { action: 'volunteer.manage' } },
    schema: { tags, summary: 'Open a volunteer team in a community, with an optional leader', body: TeamBody, response: { 201: TeamView } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const id = await createTeam(db, actor, request.body);
    return reply.status(201).send((await teamPage(db, actor)).find((t) => t.id === id)!);
  });

  r.post('/api/v1/volunteers/teams/:id/members', { config: { access: { action: 'volunteer.manage', subject: 'volunteer_teams' } },
    schema: { tags, summary: 'Add a volunteer of the community to the team', params: IdParams, body: TeamMemberBody, response: { 200: Ok } },
  }, async (request) => { await joinTeam(db, requireActor(request), request.params.id, request.body.volunteerId); return { ok: true as const }; });

  r.get('/api/v1/volunteers/service-records', { config: { access: { action: 'volunteer.read' } },
    schema: { tags, summary: 'Service records in my region (the review queue with status=pending)', querystring: ServiceRecordQuery, response: { 200: z.array(ServiceRecordView) } },
  }, async (request) => recordPage(db, requireActor(request), request.query));

  r.post('/api/v1/volunteers/service-records/:id/decision', { config: { access: { action: 'volunteer.review', subject: 'volunteer_service_records' } },
    schema: { tags, summary: 'Approve or reject a service record (a second person: never who recorded it, nor the volunteer)', params: IdParams, body: DecideRecordBody, response: { 200: ServiceRecordView } },
  }, async (request) => {
    const actor = requireActor(request);
    await decideServiceRecord(db, actor, request.params.id, request.body, now());
    return recordView(db, actor, request.params.id);
  });

  r.post('/api/v1/activities/:id/volunteer-hours', { config: { access: { action: 'volunteer.record', subject: 'activities' } },
    schema: { tags, summary: 'Record the hours of an ended activity from its attendance (pending until a second person approves)', params: IdParams, response: { 200: ActivityHoursResult } },
  }, async (request) => recordActivityHours(db, requireActor(request), request.params.id, now()));

  r.get('/api/v1/volunteers/hour-caps', { config: { access: { action: 'volunteer.read' } },
    schema: { tags, summary: 'Most minutes one activity credits, by activity category (default 120)', response: { 200: z.array(CapView) } },
  }, async () => hourCaps(db));

  r.post('/api/v1/volunteers/hour-caps', { config: { access: { action: 'volunteer.configure' } },
    schema: { tags, summary: "Set an activity category's cap in minutes (category `default` for the rest)", body: CapBody, response: { 200: Ok } },
  }, async (request) => { await setHourCap(db, requireActor(request), request.body); return { ok: true as const }; });

  r.post('/api/v1/volunteers/star-thresholds', { config: { access: { action: 'volunteer.configure' } },
    schema: { tags, summary: "Set a district's five star thresholds in hours", body: StarThresholdBody, response: { 200: Ok } },
  }, async (request) => { await setStarThresholds(db, requireActor(request), request.body); return { ok: true as const }; });

  r.get('/api/v1/volunteers/me/certificate.pdf', { config: { access: { action: 'volunteer.register' } },
    schema: { tags, summary: 'My service certificate (PDF) for a period, with a verification number; only once verified', querystring: CertificateQuery },
  }, async (request, reply) => {
    const c = await myCertificate(db, requireActor(request), request.query, now());
    return sendPdf(reply, await certificatePdf(c), `志愿服务证明-${c.name}-${c.number}.pdf`);
  });

  r.get('/api/v1/volunteers/:id/certificate.pdf', { config: { access: { action: 'volunteer.read', subject: 'volunteers' } },
    schema: { tags, summary: "A verified volunteer's service certificate (PDF) for a period", params: IdParams, querystring: CertificateQuery },
  }, async (request, reply) => {
    const c = await staffCertificate(db, requireActor(request), request.params.id, request.query, now());
    return sendPdf(reply, await certificatePdf(c), `志愿服务证明-${c.name}-${c.number}.pdf`);
  });

  r.get('/api/v1/volunteers/:id', { config: { access: { action: 'volunteer.read', subject: 'volunteers' } },
    schema: { tags, summary: 'One volunteer (phone and ID masked)', params: IdParams, response: { 200: VolunteerView } },
  }, async (request) => volunteerDetail(db, requireActor(request), request.params.id));

  r.post('/api/v1/volunteers/:id/decision', { config: { access: { action: 'volunteer.manage', subject: 'volunteers' } },
    schema: { tags, summary: 'Verify a registration, or reject it with a reason', params: IdParams, body: DecideVolunteerBody, response: { 200: VolunteerView } },
  }, async (request) => {
    const actor = requireActor(request);
    await decideVolunteer(db, actor, request.params.id, request.body, now());
    return volunteerDetail(db, actor, request.params.id);
  });

  r.post('/api/v1/volunteers/:id/service-records', { config: { access: { action: 'volunteer.record', subject: 'volunteers' } },
    schema: { tags, summary: "Record a verified volunteer's service (waits for a second person's approval)", params: IdParams, body: RecordServiceBody, response: { 201: ServiceRecordView } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await recordService(db, actor, request.params.id, request.body, now());
    return reply.status(201).send(await recordView(db, actor, row.id));
  });
}
