import type { z } from 'zod';
import type { CapBody, DecideVolunteerBody, RegisterVolunteerBody, SkillBody, StarThresholdBody, TeamBody } from '@gongzhi/contracts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { ownRegisterEntry, requireNotErased, residentDistrict } from '../org/people.service.ts';
import { regionInScope, regionNames } from '../org/region.service.ts';
import {
  addTeamMembers, findTeam, findVolunteer, insertTeam, insertVolunteer, listSkills, listTeams, minutesOf, thresholdsOf, updateVolunteer,
  upsertCap, upsertSkill, upsertThresholds, volunteerOfResident, type VolunteerRow,
} from './volunteers.repository.ts';
import { DEFAULT_SKILLS, DEFAULT_STAR_HOURS, communityPathOf, mayConfigureCaps, mayDecideVolunteer } from './volunteers.policy.ts';
import { starFor } from './volunteers.stars.ts';

/**
 * The signed-in person registers themself as a volunteer (or updates their registration): the name
 * and place come from their register entry. Registering again is the same registration (one per
 * person): its details are replaced, and a rejected one goes back to the community as pending.
 */
export async function registerSelf(db: Db, actor: Actor, body: z.infer<typeof RegisterVolunteerBody>, now: Date): Promise<{ row: VolunteerRow; created: boolean }> {
  if (!actor.residentId) throw new AppError('VOLUNTEER_NO_RECORD');
  const residentId = actor.residentId;
  await requireNotErased(db, residentId);
  const { resident } = await ownRegisterEntry(db, residentId);
  if (!resident || resident.movedOutAt) throw new AppError('VOLUNTEER_NO_RECORD');
  const known = new Set((await skillOptions(db)).map((s) => s.code));
  const unknown = body.skills.filter((s) => !known.has(s));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'skills', message: `unknown skills: ${unknown.join(', ')}` }]);
  const areas = [...new Set(body.serviceAreas)];
  if ((await regionNames(db, areas)).size !== areas.length) throw new AppError('REGION_NOT_FOUND');
  const teamIds = [...new Set(body.teamIds)];
  const teams = await listTeams(db, EVERYWHERE, { ids: teamIds });
  // A person joins only teams of the community they live in.
  if (teams.length !== teamIds.length || teams.some((t) => t.regionPath !== communityPathOf(resident.regionPath))) throw new AppError('VOLUNTEER_TEAM_OUTSIDE');
  const details = { skills: [...new Set(body.skills)], skillsOther: body.skillsOther, availability: body.availability, serviceAreas: areas };
  return db.transaction(async (tx) => {
    const ins = await insertVolunteer(tx, { residentId, regionPath: resident.regionPath, districtCode: resident.districtCode, ...details });
    let row = ins.row;
    if (!ins.created) {
      row = await updateVolunteer(tx, row.id, { ...details, ...(row.status === 'rejected' ? { status: 'pending' as const, rejectReason: null, decidedBy: null, decidedAt: null } : {}), updatedAt: now });
    }
    for (const t of teamIds) await addTeamMembers(tx, t, [row.id]);
    await audit(tx, actor, { action: 'volunteer.register', subjectType: 'volunteer', subjectId: row.id, regionPath: row.regionPath, after: { ...details, teamIds } });
    return { row, created: ins.created };
  });
}

/** The community verifies a pending registration, or rejects it with a reason. */
export async function decideVolunteer(db: Db, actor: Actor, id: string, body: z.infer<typeof DecideVolunteerBody>, now: Date): Promise<VolunteerRow> {
  const reason = body.reason?.trim() ?? '';
  if (body.decision === 'reject' && !reason) throw new AppError('VOLUNTEER_REASON_REQUIRED');
  return db.transaction(async (tx) => {
    const v = await findVolunteer(tx, scopeFor(actor, 'volunteer.manage'), id, { lock: true });
    if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
    if (!mayDecideVolunteer(v)) throw new AppError('VOLUNTEER_DECIDED');
    const verified = body.decision === 'verify';
    const row = await updateVolunteer(tx, v.id, {
      status: verified ? 'verified' : 'rejected', rejectReason: verified ? null : reason, decidedBy: actor.userId, decidedAt: now, updatedAt: now,
    });
    await audit(tx, actor, { action: verified ? 'volunteer.verify' : 'volunteer.reject', subjectType: 'volunteer', subjectId: v.id, regionPath: v.regionPath, details: verified ? {} : { reason } });
    return row;
  });
}

/** Opens a team (志愿服务队) in a community the actor manages, with an optional leader who joins it. */
export async function createTeam(db: Db, actor: Actor, body: z.infer<typeof TeamBody>): Promise<string> {
  const region = await regionInScope(db, scopeFor(actor, 'volunteer.manage'), body.regionId, { active: true });
  if (!region) throw new AppError('REGION_NOT_FOUND');
  if (region.level !== 'community') throw new AppError('REGION_LEVEL_INVALID');
  return db.transaction(async (tx) => {
    let leaderId: string | null = null;
    if (body.leaderVolunteerId) {
      const leader = await findVolunteer(tx, scopeFor(actor, 'volunteer.manage'), body.leaderVolunteerId);
      if (!leader) throw new AppError('VOLUNTEER_NOT_FOUND');
      if (communityPathOf(leader.regionPath) !== region.code) throw new AppError('VOLUNTEER_TEAM_OUTSIDE');
      leaderId = leader.id;
    }
    const team = await insertTeam(tx, { regionId: region.id, regionPath: region.code, districtCode: region.districtCode, name: body.name, leaderVolunteerId: leaderId });
    if (!team) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'name', message: 'a team of this name exists in the community' }]);
    if (leaderId) await addTeamMembers(tx, team.id, [leaderId]);
    await audit(tx, actor, { action: 'volunteer.team_create', subjectType: 'volunteer_team', subjectId: team.id, regionPath: region.code, after: body });
    return team.id;
  });
}

/** Adds a volunteer of the team's community to the team (already a member: nothing changes). */
export async function joinTeam(db: Db, actor: Actor, teamId: string, volunteerId: string): Promise<void> {
  const scope = scopeFor(actor, 'volunteer.manage');
  const team = await findTeam(db, scope, teamId);
  if (!team) throw new AppError('VOLUNTEER_TEAM_NOT_FOUND');
  const v = await findVolunteer(db, scope, volunteerId);
  if (!v) throw new AppError('VOLUNTEER_NOT_FOUND');
  if (communityPathOf(v.regionPath) !== team.regionPath) throw new AppError('VOLUNTEER_TEAM_OUTSIDE');
  await db.transaction(async (tx) => {
    if (await addTeamMembers(tx, team.id, [v.id])) {
      await audit(tx, actor, { action: 'volunteer.team_join', subjectType: 'volunteer_team', subjectId: team.id, regionPath: team.regionPath, details: { volunteerId: v.id } });
    }
  });
}

/** The skills volunteers choose from: the configured list, else the built-in one. */
export async function skillOptions(db: DbOrTx) {
  const rows = await listSkills(db);
  return rows.length ? rows : [...DEFAULT_SKILLS];
}

/** Whether the person (a register entry) is a volunteer the community has verified. */
export async function isVerifiedVolunteer(db: Db, personId: string): Promise<boolean> {
  return (await volunteerOfResident(db, personId))?.status === 'verified';
}

/** The star thresholds (hours) of a district: its own, else the default. */
export async function starThresholds(db: DbOrTx, districtCode: string | undefined): Promise<number[]> {
  return (districtCode ? await thresholdsOf(db, districtCode) : undefined) ?? [...DEFAULT_STAR_HOURS];
}

/**
 * A person's volunteer totals: approved and pending minutes and their star level from approved hours
 * under their district's thresholds. A person who never registered has none of either.
 */
export async function volunteerSummary(db: DbOrTx, personId: string): Promise<{ approvedMinutes: number; pendingMinutes: number; star: number; thresholdsHours: number[] }> {
  const v = await volunteerOfResident(db, personId);
  const thresholdsHours = await starThresholds(db, v?.districtCode ?? await residentDistrict(db, personId));
  const m = v ? (await minutesOf(db, [v.id])).get(v.id) : undefined;
  const approvedMinutes = m?.approved ?? 0;
  return { approvedMinutes, pendingMinutes: m?.pending ?? 0, star: starFor(approvedMinutes, thresholdsHours), thresholdsHours };
}

/** Sets the cap (minutes per activity) of an activity category, or of `default`. */
export async function setHourCap(db: Db, actor: Actor, body: z.infer<typeof CapBody>): Promise<void> {
  if (!mayConfigureCaps(actor)) throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    await upsertCap(tx, body.categoryCode, body.maxMinutes);
    await audit(tx, actor, { action: 'volunteer.configure', subjectType: 'volunteer_hour_cap', subjectId: null, after: body });
  });
}

/** Sets a district's star thresholds (five increasing whole hours); only staff over that district. */
export async function setStarThresholds(db: Db, actor: Actor, body: z.infer<typeof StarThresholdBody>): Promise<void> {
  if (!can(actor, 'volunteer.configure', { regionPath: body.districtCode })) throw new AppError('FORBIDDEN');
  if (body.hours.some((h, i) => i > 0 && h <= body.hours[i - 1]!)) throw new AppError('VOLUNTEER_STARS_INVALID');
  await db.transaction(async (tx) => {
    await upsertThresholds(tx, body.districtCode, body.hours);
    await audit(tx, actor, { action: 'volunteer.configure', subjectType: 'volunteer_star_thresholds', subjectId: null, regionPath: body.districtCode, after: body });
  });
}

/** Adds (or relabels) a skill on the list volunteers choose from. */
export async function setSkill(db: Db, actor: Actor, body: z.infer<typeof SkillBody>): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertSkill(tx, body);
    await audit(tx, actor, { action: 'volunteer.configure', subjectType: 'volunteer_skill', subjectId: null, after: body });
  });
}
