import type { z } from 'zod';
import type { MyVolunteer, ServiceRecordQuery, ServiceRecordView, VolunteerListQuery, VolunteerView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { ownRegisterEntry } from '../org/people.service.ts';
import {
  findVolunteer, listCaps, listRecords, listTeams, listVolunteers, minutesOf, teamsOfVolunteers, volunteerOfResident, type VolunteerRow,
} from './volunteers.repository.ts';
import { presentRecord, presentTeam, presentVolunteer, type PersonShown } from './volunteers.presenter.ts';
import { mayReviewRecord } from './volunteers.policy.ts';
import { skillOptions as skillList, starThresholds, volunteerSummary } from './volunteers.service.ts';
import { starFor } from './volunteers.stars.ts';

/** The register's name and masked numbers of each person, by resident id (a page of at most 200). */
async function peopleOf(db: Db, residentIds: string[]): Promise<Map<string, PersonShown>> {
  const entries = await Promise.all(residentIds.map((id) => ownRegisterEntry(db, id)));
  return new Map(entries.flatMap(({ resident: r }) => r ? [[r.id, { name: r.name, phoneMasked: r.phoneMasked, idMasked: r.idMasked }] as const] : []));
}

/** Registrations shaped for lists, with names, teams, approved minutes and stars, in a few batched queries. */
async function viewsOf(db: Db, rows: VolunteerRow[]): Promise<VolunteerView[]> {
  const ids = rows.map((v) => v.id);
  const [people, teams, minutes] = await Promise.all([peopleOf(db, rows.map((v) => v.residentId)), teamsOfVolunteers(db, ids), minutesOf(db, ids)]);
  const thresholds = new Map<string, number[]>();
  for (const d of new Set(rows.map((v) => v.districtCode))) thresholds.set(d, await starThresholds(db, d));
  return rows.map((v) => {
    const approved = minutes.get(v.id)?.approved ?? 0;
    return presentVolunteer(v, people.get(v.residentId), teams.get(v.id) ?? [], approved, starFor(approved, thresholds.get(v.districtCode)!));
  });
}

/** Volunteers in the actor's scope, newest first; phone and ID masked. */
export async function volunteerPage(db: Db, actor: Actor, q: z.infer<typeof VolunteerListQuery>): Promise<VolunteerView[]> {
  return viewsOf(db, await listVolunteers(db, scopeFor(actor, 'volunteer.read'), q));
}

/** One volunteer in the actor's scope (out of scope: not found). */
export async function volunteerDetail(db: Db, actor: Actor, id: string): Promise<VolunteerView> {
  const v = await findVolunteer(db, scopeFor(actor, 'volunteer.read'), id);
  if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
  return (await viewsOf(db, [v]))[0]!;
}

/** Service records in the actor's scope (the review queue with `status=pending`), each saying whether the actor may review it. */
export async function recordPage(db: Db, actor: Actor, q: z.infer<typeof ServiceRecordQuery>): Promise<ServiceRecordView[]> {
  const rows = await listRecords(db, scopeFor(actor, 'volunteer.read'), q);
  return rows.map((r) => presentRecord(r, mayReviewRecord(actor, r)));
}

/** One service record in the actor's scope, as the lists show it. */
export async function recordView(db: Db, actor: Actor, id: string): Promise<ServiceRecordView> {
  const [r] = await listRecords(db, scopeFor(actor, 'volunteer.read'), { id, limit: 1 });
  if (!r) throw new AppError('VOLUNTEER_RECORD_NOT_FOUND');
  return presentRecord(r, mayReviewRecord(actor, r));
}

/** Teams in the actor's scope. */
export async function teamPage(db: Db, actor: Actor) {
  return (await listTeams(db, scopeFor(actor, 'volunteer.read'))).map(presentTeam);
}

/** The signed-in person's volunteer page: their registration, totals, records, and the teams they may join. */
export async function myVolunteer(db: Db, actor: Actor): Promise<MyVolunteer> {
  const residentId = actor.residentId;
  const summary = residentId ? await volunteerSummary(db, residentId) : { approvedMinutes: 0, pendingMinutes: 0, star: 0, thresholdsHours: await starThresholds(db, undefined) };
  if (!residentId) return { name: null, registration: null, summary, records: [], teams: [] };
  const [{ resident }, v] = await Promise.all([ownRegisterEntry(db, residentId), volunteerOfResident(db, residentId)]);
  const teams = resident ? (await listTeams(db, EVERYWHERE, { regionPathPrefix: resident.regionPath })).map(presentTeam) : [];
  if (!v) return { name: resident?.name ?? null, registration: null, summary, records: [], teams };
  const [view] = await viewsOf(db, [v]);
  const records = (await listRecords(db, EVERYWHERE, { volunteerId: v.id, limit: 200 })).map((r) => presentRecord(r, false));
  return { name: resident?.name ?? null, registration: view!, summary, records, teams };
}

/** The skills volunteers choose from. */
export const skillOptions = (db: Db) => skillList(db);

/** The hour caps by activity category. */
export const hourCaps = (db: Db) => listCaps(db);
