import type { ServiceRecordView, TeamView, VolunteerView } from '@gongzhi/contracts';
import type { ServiceRecordRow, VolunteerRow } from './volunteers.repository.ts';

/** What a list shows of the person behind a registration: the register's name and masked numbers only. */
export interface PersonShown { name: string; phoneMasked: string | null; idMasked: string | null }

/** A registration as lists and the person's own page show it (never the sealed phone or ID number). */
export function presentVolunteer(v: VolunteerRow, person: PersonShown | undefined, teams: { id: string; name: string }[], approvedMinutes: number, star: number): VolunteerView {
  return {
    id: v.id, residentId: v.residentId, name: person?.name ?? '', phoneMasked: person?.phoneMasked ?? null, idMasked: person?.idMasked ?? null,
    regionPath: v.regionPath, skills: v.skills, skillsOther: v.skillsOther, availability: v.availability, serviceAreas: v.serviceAreas,
    teams, status: v.status, rejectReason: v.rejectReason, approvedMinutes, star, createdAt: v.createdAt.toISOString(),
  };
}

/** A service record, with whether the viewer may review it (pending, and not their own). */
export function presentRecord(r: ServiceRecordRow & { volunteerName: string | null }, mayReview: boolean): ServiceRecordView {
  return {
    id: r.id, volunteerId: r.volunteerId, volunteerName: r.volunteerName ?? '', title: r.title, activityId: r.activityId, categoryCode: r.categoryCode,
    serviceDay: r.serviceDay, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), minutes: r.minutes, source: r.source,
    status: r.status, recordedBy: r.recordedBy, recordedByName: r.recordedByName, rejectReason: r.rejectReason, mayReview: mayReview && r.status === 'pending',
  };
}

/** A team row as the lists show it. */
export function presentTeam(t: { id: string; name: string; regionId: string; regionPath: string; leaderVolunteerId: string | null; leaderName: string | null; memberCount: number }): TeamView {
  return { id: t.id, name: t.name, regionId: t.regionId, regionPath: t.regionPath, leaderVolunteerId: t.leaderVolunteerId, leaderName: t.leaderName, memberCount: t.memberCount };
}

/**
 * Minutes as hours on a certificate, e.g. 90 → "1.5", 100 → "1.67": two decimals at most, from whole
 * minutes by integer arithmetic (rounded half up to the hundredth), for print only; totals stay minutes.
 */
export const hoursText = (minutes: number): string => {
  const hundredths = Math.floor((minutes * 100 + 30) / 60);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  return frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
};
