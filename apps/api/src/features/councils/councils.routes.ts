import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddSeatBody, AgendaItemView, CouncilAttendanceBody, ByElectionBody, CouncilDetail, CouncilListQuery, CouncilSummary, CreateAgendaItemBody,
  CreateCouncilBody, CreateMeetingBody, CreateMotionBody, IdParams, MeetingDetail, CouncilMinutesBody, page, VacateSeatBody, CouncilVoteBody, ShowOfHandsBody,
  SmallMatterOption, SmallMatterQuery,
} from '@gongzhi/contracts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { addSeat, byElection, createCouncil, vacateSeat } from './council.service.ts';
import { addAgendaItem, cosign } from './agenda.service.ts';
import { approveMinutes, closeMeeting, createMeeting, saveMinutes, signInMember } from './meeting.service.ts';
import { castVote, closeMotion, createMotion } from './motion.service.ts';
import { confirmShowOfHands, recordShowOfHands } from './hands.service.ts';
import { presentAgendaItem } from './councils.presenter.ts';
import { agendaItemView, councilDetail, councilList, meetingDetail, smallMattersFor } from './councils.read.service.ts';

/**
 * Reading a council or a meeting: a resident of a grid belongs to the grid's council and also to the
 * community's council above it, so reads admit councils above the caller's region as well as below
 * (councilScope). The access matrix's subject check knows only "below", so these routes name no
 * subject; the handler's scope (tested in councils.rules.test.ts) hides every other council as missing.
 */
const READ_WITH_ANCESTORS = { action: 'council.read' } as const;

/** Councils (议事会): members and seats, agenda, meetings with attendance, motions, votes and minutes. */
export async function councilRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['councils'];

  r.get('/api/v1/councils', { config: { access: { action: 'council.read' } }, schema: { tags, summary: 'Councils I may see (staff: my area; residents: where I live)', querystring: CouncilListQuery, response: { 200: page(CouncilSummary) } } },
    async (request) => councilList(db, requireActor(request), request.query, now()));

  r.post('/api/v1/councils', { config: { access: { action: 'council.manage' } }, schema: { tags, summary: 'Set up a building, grid or community council, or a one-matter group', body: CreateCouncilBody, response: { 201: CouncilDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const c = await createCouncil(db, actor, request.body);
      return reply.status(201).send(await councilDetail(db, actor, c.id, now()));
    });

  r.get('/api/v1/councils/:id', { config: { access: READ_WITH_ANCESTORS }, schema: { tags, summary: 'A council with seats (and their history), agenda and meetings', params: IdParams, response: { 200: CouncilDetail } } },
    async (request) => councilDetail(db, requireActor(request), request.params.id, now()));

  r.post('/api/v1/councils/:id/seats', { config: { access: { action: 'council.manage', subject: 'councils' } }, schema: { tags, summary: 'Seat a member for a term', params: IdParams, body: AddSeatBody, response: { 201: CouncilDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addSeat(db, actor, request.params.id, request.body);
      return reply.status(201).send(await councilDetail(db, actor, request.params.id, now()));
    });

  r.post('/api/v1/council-seats/:id/vacate', { config: { access: { action: 'council.manage', subject: 'council_seats' } }, schema: { tags, summary: 'Record that a seat fell vacant', params: IdParams, body: VacateSeatBody, response: { 200: CouncilDetail } } },
    async (request) => {
      const actor = requireActor(request);
      const seat = await vacateSeat(db, actor, request.params.id, request.body.reason, now());
      return councilDetail(db, actor, seat.councilId, now());
    });

  r.post('/api/v1/council-seats/:id/by-election', { config: { access: { action: 'council.manage', subject: 'council_seats' } }, schema: { tags, summary: 'Fill a vacant seat by a by-election, for the rest of its term', params: IdParams, body: ByElectionBody, response: { 201: CouncilDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const seat = await byElection(db, actor, request.params.id, request.body);
      return reply.status(201).send(await councilDetail(db, actor, seat.councilId, now()));
    });

  r.post('/api/v1/councils/:id/agenda', { config: { access: { action: ['council.manage', 'council.propose'], subject: 'councils' } },
    schema: { tags, summary: 'Add an agenda item: a small matter (staff), the party organisation’s item (staff), or a residents’ proposal', params: IdParams, body: CreateAgendaItemBody, response: { 201: AgendaItemView } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const item = await addAgendaItem(db, actor, request.params.id, request.body);
    // The author reads back what they wrote.
    return reply.status(201).send(presentAgendaItem(item, item.source === 'proposal', true));
  });

  r.get('/api/v1/councils/:id/small-matters', { config: { access: { action: 'council.manage', subject: 'councils' } },
    schema: { tags, summary: 'Small matters (小事) of the council’s area on no agenda yet, newest first, to put on the agenda', params: IdParams, querystring: SmallMatterQuery, response: { 200: z.array(SmallMatterOption) } },
  }, async (request) => smallMattersFor(db, requireActor(request), request.params.id, request.query.q));

  r.post('/api/v1/council-agenda/:id/cosign', { config: { access: { action: 'council.propose', subject: 'council_agenda_items' } }, schema: { tags, summary: 'Co-sign a residents’ proposal', params: IdParams, response: { 200: AgendaItemView } } },
    async (request) => {
      const actor = requireActor(request);
      const item = await cosign(db, actor, request.params.id);
      return agendaItemView(db, actor, item, true);
    });

  r.post('/api/v1/councils/:id/meetings', { config: { access: { action: 'council.manage', subject: 'councils' } }, schema: { tags, summary: 'Notice a meeting with its agenda', params: IdParams, body: CreateMeetingBody, response: { 201: MeetingDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const m = await createMeeting(db, actor, request.params.id, request.body, now());
      return reply.status(201).send(await meetingDetail(db, actor, m.id, now()));
    });

  r.get('/api/v1/council-meetings/:id', { config: { access: READ_WITH_ANCESTORS }, schema: { tags, summary: 'A meeting: agenda, attendance and quorum, motions and votes, minutes', params: IdParams, response: { 200: MeetingDetail } } },
    async (request) => meetingDetail(db, requireActor(request), request.params.id, now()));

  /** Runs a change on a meeting and answers with the meeting as it now stands. */
  const onMeeting = async (actorReq: Parameters<typeof requireActor>[0], run: (actor: ReturnType<typeof requireActor>) => Promise<string>) => {
    const actor = requireActor(actorReq);
    return meetingDetail(db, actor, await run(actor), now());
  };
  const MotionParams = IdParams;

  r.post('/api/v1/council-meetings/:id/attendance', { config: { access: READ_WITH_ANCESTORS }, schema: { tags, summary: 'Sign a member in (staff give the seat; a member signs for themself)', params: IdParams, body: CouncilAttendanceBody, response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, async (a) => { await signInMember(db, a, request.params.id, request.body.seatId, now()); return request.params.id; }));

  r.post('/api/v1/council-meetings/:id/motions', { config: { access: { action: 'council.manage', subject: 'council_meetings' } }, schema: { tags, summary: 'Put a motion to the vote (needs a quorum)', params: IdParams, body: CreateMotionBody, response: { 201: MeetingDetail } } },
    async (request, reply) => reply.status(201).send(await onMeeting(request, async (a) => { await createMotion(db, a, request.params.id, request.body, now()); return request.params.id; })));

  r.post('/api/v1/council-motions/:id/votes', { config: { access: { action: 'council.read' } }, schema: { tags, summary: 'Vote on an open motion as the member themself: one member, one vote', params: MotionParams, body: CouncilVoteBody, response: { 201: MeetingDetail } } },
    async (request, reply) => reply.status(201).send(await onMeeting(request, (a) => castVote(db, a, request.params.id, request.body, now()))));

  r.post('/api/v1/council-motions/:id/show-of-hands', { config: { access: { action: 'council.manage' } }, schema: { tags, summary: 'Record the counts of a show of hands (counts only once a second staff member confirms)', params: MotionParams, body: ShowOfHandsBody, response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, (a) => recordShowOfHands(db, a, request.params.id, request.body, now())));

  r.post('/api/v1/council-motions/:id/show-of-hands/confirm', { config: { access: { action: 'council.manage' } }, schema: { tags, summary: 'Confirm a show of hands entered by another staff member', params: MotionParams, body: z.object({}).optional(), response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, (a) => confirmShowOfHands(db, a, request.params.id, now())));

  r.post('/api/v1/council-motions/:id/close', { config: { access: { action: 'council.manage' } }, schema: { tags, summary: 'Close the vote and decide the motion (needs a quorum); a passed motion becomes a resolution', params: MotionParams, response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, (a) => closeMotion(db, a, request.params.id, now())));

  r.post('/api/v1/council-meetings/:id/close', { config: { access: { action: 'council.manage', subject: 'council_meetings' } }, schema: { tags, summary: 'Close the meeting', params: IdParams, response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, async (a) => { await closeMeeting(db, a, request.params.id, now()); return request.params.id; }));

  r.post('/api/v1/council-meetings/:id/minutes', { config: { access: { action: 'council.manage', subject: 'council_meetings' } }, schema: { tags, summary: 'Draft or correct the minutes (each save is a new version)', params: IdParams, body: CouncilMinutesBody, response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, async (a) => { await saveMinutes(db, a, request.params.id, request.body.body, now()); return request.params.id; }));

  r.post('/api/v1/council-meetings/:id/minutes/approve', { config: { access: { action: 'council.manage', subject: 'council_meetings' } }, schema: { tags, summary: 'Approve the latest minutes (after the meeting closed)', params: IdParams, body: z.object({}).optional(), response: { 200: MeetingDetail } } },
    async (request) => onMeeting(request, async (a) => { await approveMinutes(db, a, request.params.id, now()); return request.params.id; }));
}
