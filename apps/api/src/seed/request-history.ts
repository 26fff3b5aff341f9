import { randomUUID } from 'node:crypto';
import {
  addCalendarHours, addDays, addWorkingHours, chinaDay, deadlineFor, startOfChinaDay, suggestTriage, TRIAGE_CORPUS, type Matter, type WorkCalendar,
} from '@gongzhi/core';
import { newId } from '../platform/db/columns.ts';
import type { RequestRow } from '../features/requests/requests.repository.ts';
import type { Channel, requestHandlers } from '../features/requests/requests.table.ts';
import { DEFAULT_RESPOND_HOURS } from '../features/requests/intake.service.ts';
import { RequestLife, type EventRow, type Staff } from './request-life.ts';
import { ratingComment, referralNote, rejectionReason, reopenNote, replyFor, verifyNote } from './request-copy.ts';
import type { Rng } from './random.ts';

export interface HistoryCategory {
  id: string; code: string; matter: Matter; departmentId: string | null; respondHours: number; resolveHours: number; workingTime: boolean;
}
/** A micro-grid of a demo compound, where requests are placed (as intake places a point). */
export interface HistoryPlace {
  regionId: string; regionPath: string; districtCode: string; lat: number; lng: number; building: string; gridId: string; gridPath: string; communityPath: string;
}
export interface HistoryReporter {
  residentId: string; name: string; regionPath: string; address: string; phoneHash: string | null; phoneCipher: string | null; phoneMasked: string | null;
}
export interface HistoryInput {
  categories: HistoryCategory[]; places: HistoryPlace[]; reporters: HistoryReporter[]; calendar: WorkCalendar;
  communityWorker(communityPath: string): Staff; gridWorker(gridPath: string): Staff; department(id: string): Staff; hotline: Staff;
}
export interface History {
  rows: RequestRow[]; events: EventRow[]; handlers: (typeof requestHandlers.$inferInsert)[];
}

const MIN = 60_000;
const HOUR = 3_600_000;
const TEXTS = new Map<string, string[]>();
for (const e of TRIAGE_CORPUS) if (e.category) TEXTS.set(e.category, [...(TEXTS.get(e.category) ?? []), e.text]);

// Satisfaction follows punctuality: a late answer is rated lower.
const ON_TIME_RATINGS = [[5, 58], [4, 26], [3, 9], [2, 4], [1, 3]] as const;
const LATE_RATINGS = [[5, 22], [4, 30], [3, 22], [2, 14], [1, 12]] as const;
// Residents call most in the morning and the afternoon, less at lunch and in the evening.
const HOURS = [[7, 3], [8, 8], [9, 12], [10, 12], [11, 9], [12, 4], [13, 5], [14, 9], [15, 10], [16, 9], [17, 7], [18, 4], [19, 4], [20, 3], [21, 1]] as const;

/**
 * A year of requests for the demo communities, up to `now` (demo data): on each of the 365 days
 * before today a few requests per community, of every class and category, placed in the compounds
 * and reported by their residents; each lives through the state machine to where it would be now.
 */
export function generateHistory(rng: Rng, input: HistoryInput, now: Date): History {
  const out: History = { rows: [], events: [], handlers: [] };
  const communities = [...new Set(input.places.map((p) => p.communityPath))].sort();
  const reportersAt = new Map<string, HistoryReporter[]>();
  for (const r of input.reporters) reportersAt.set(r.regionPath, [...(reportersAt.get(r.regionPath) ?? []), r]);
  const byMatter = (m: Matter) => input.categories.filter((c) => c.matter === m && TEXTS.has(c.code)).sort((a, b) => a.code.localeCompare(b.code));
  const cats = { big: byMatter('big'), small: byMatter('small'), private: byMatter('private') };
  const lastOf = new Map<string, RequestRow>();
  const today = chinaDay(now);
  for (let back = 365; back >= 1; back--) {
    const day = addDays(today, -back);
    const summer = ['06', '07', '08'].includes(day.slice(5, 7));
    for (const community of communities) {
      const n = rng.weighted([[0, 34], [1, 36], [2, 20], [3, 8], [4, 2]]) + (summer && rng.chance(0.4) ? 1 : 0);
      const places = input.places.filter((p) => p.communityPath === community);
      for (let i = 0; i < n; i++) {
        const place = rng.pick(places);
        const who = reportersAt.get(place.regionPath) ?? input.reporters.filter((r) => r.regionPath.startsWith(place.gridPath));
        if (!who.length) continue;
        const created = new Date(startOfChinaDay(day).getTime() + rng.weighted(HOURS) * HOUR + rng.int(0, 3599) * 1000);
        const matter = rng.weighted([['small', 50], ['big', 38], ['private', 12]] as const);
        const cat = rng.pick(cats[matter]);
        live(rng, input, out, lastOf, { place, reporter: rng.pick(who), cat, created, now });
      }
    }
  }
  return out;
}

function live(rng: Rng, input: HistoryInput, out: History, lastOf: Map<string, RequestRow>, p: {
  place: HistoryPlace; reporter: HistoryReporter; cat: HistoryCategory; created: Date; now: Date;
}) {
  const { place, reporter, cat, created, now } = p;
  const cal = input.calendar;
  const channel = rng.weighted([['phone', 45], ['grid_worker', 30], ['open311', 25]] as [Channel, number][]);
  const worker = input.communityWorker(place.communityPath);
  const gridWorker = input.gridWorker(place.gridPath);
  // Open311 clients always name a service; staff taking a call pick the category most of the time.
  const atIntake = channel === 'open311' || rng.chance(0.7) ? cat : undefined;
  const description = rng.pick(TEXTS.get(cat.code)!);
  const compound = place.building.replace(/\d+栋$/, '');
  const address = cat.matter === 'big' ? rng.pick([`${compound}北门外`, `${place.building}旁`, `${compound}外人行道`, `${compound}东侧路口`]) : reporter.address;
  const withPhone = channel !== 'grid_worker' || rng.chance(0.5);
  const row: RequestRow = {
    id: newId(), number: '', publicId: randomUUID(), districtCode: place.districtCode, regionId: place.regionId, regionPath: place.regionPath,
    lat: place.lat + (rng.next() - 0.5) * 0.002, lng: place.lng + (rng.next() - 0.5) * 0.0008, address, description,
    categoryId: atIntake?.id ?? null, matter: atIntake?.matter ?? null, departmentId: atIntake?.departmentId ?? null, channel,
    reporterUserId: null, reporterResidentId: channel === 'open311' ? null : reporter.residentId, reporterName: reporter.name,
    reporterPhoneHash: withPhone ? reporter.phoneHash : null, reporterPhoneCipher: withPhone ? reporter.phoneCipher : null,
    reporterPhoneMasked: withPhone ? reporter.phoneMasked : null, anonymous: rng.chance(0.06), state: 'received',
    ownerUserId: channel === 'open311' ? null : (channel === 'phone' ? worker : gridWorker).userId, suggestion: suggestTriage(description),
    respondDueAt: deadlineFor(created, atIntake?.respondHours ?? DEFAULT_RESPOND_HOURS, atIntake?.workingTime ?? false, cal),
    resolveDueAt: atIntake ? deadlineFor(created, atIntake.resolveHours, atIntake.workingTime, cal) : null,
    respondedAt: null, repliedAt: null, reply: null, closedAt: null, rating: null, ratingComment: null, ratedAt: null, reopenedCount: 0,
    mergedIntoId: null, escalationLevel: 0, escalatedToPath: null, slaState: 'ok', createdAt: created, updatedAt: created,
  };
  const life = new RequestLife(row, now, { actor: channel === 'open311' ? input.hotline : channel === 'phone' ? worker : gridWorker });
  const later = (from: Date, minMinutes: number, maxMinutes: number) => new Date(from.getTime() + rng.int(minMinutes, maxMinutes) * MIN);
  // Call-backs for a rating happen in the daytime (09:00–20:00 China time).
  const daytime = (d: Date) => {
    const hour = new Date(d.getTime() + 8 * HOUR).getUTCHours();
    if (hour >= 9 && hour < 20) return d;
    const day = hour < 9 ? chinaDay(d) : addDays(chinaDay(d), 1);
    return new Date(startOfChinaDay(day).getTime() + 9 * HOUR + rng.int(0, 180) * MIN);
  };
  const resident: Staff = { userId: null, name: '居民（电话回访）' };
  const key = `${place.gridPath}|${cat.code}`;
  const earlier = lastOf.get(key);
  const handlers: History['handlers'] = [];
  play();
  // A request still within its time limits at the seed's clock would need live timers, and those
  // would fire in every test that runs the timers days ahead (a council's notice window, say). The
  // history keeps the finished, the answered and the overdue (whose red card has already fired).
  if (life.finish().length) return;
  lastOf.set(key, row);
  out.rows.push(row);
  out.events.push(...life.events);
  out.handlers.push(...handlers);

  function play(): void {
    const roll = rng.next();
    if (roll < 0.03) { life.step(later(created, 30, 180), worker, 'reject', {}, rejectionReason(rng)); return; }
    if (roll < 0.06 && earlier && !['merged', 'rejected'].includes(earlier.state) && created.getTime() - earlier.createdAt.getTime() < 3 * 24 * HOUR) {
      life.step(later(created, 20, 120), worker, 'merge', { mergedIntoId: earlier.id }, null, { intoId: earlier.id });
      return;
    }
    const lateRespond = rng.chance(0.07);
    const sortAt = lateRespond ? later(row.respondDueAt, 10, 300) : later(created, 8, 110);
    const resolveDueAt = deadlineFor(created, cat.resolveHours, cat.workingTime, cal);
    const sorted = life.step(sortAt, worker, 'sort', {
      matter: cat.matter, categoryId: cat.id, departmentId: cat.matter === 'big' ? cat.departmentId ?? row.departmentId : null,
      respondedAt: row.respondedAt ?? sortAt, ownerUserId: row.ownerUserId ?? worker.userId, resolveDueAt, slaState: 'ok',
    }, null, { matter: cat.matter, categoryCode: cat.code });
    if (!sorted) return;
    if (cat.matter === 'private') {
      if (!life.step(later(life.at, 10, 120), worker, 'refer', { respondedAt: row.respondedAt ?? life.at }, referralNote(rng))) return;
      if (!close(later(life.at, 60, 48 * 60))) return;
      if (rng.chance(0.3)) rate(later(life.at, 60, 72 * 60), false);
      return;
    }
    const dept = cat.matter === 'big' && cat.departmentId ? cat.departmentId : null;
    const dispatchAt = later(life.at, 5, 90);
    if (!life.step(dispatchAt, worker, 'dispatch', dept ? { departmentId: dept } : {}, null, dept ? { departmentId: dept } : { regionId: place.gridId })) return;
    handlers.push({ id: newId(), requestId: row.id, organisationId: dept, regionId: dept ? null : place.gridId, role: 'lead', status: 'open', createdAt: life.at });
    // Some recent ones are stuck (a hard case, a department that does not answer): the timers escalate them.
    const stuck = now.getTime() - created.getTime() < 60 * 24 * HOUR && rng.chance(0.12);
    if (stuck && rng.chance(0.3)) return;
    const handler = dept ? input.department(dept) : gridWorker;
    if (!life.step(later(life.at, 10, 300), handler, 'accept') || stuck) return;
    const late = rng.chance(lateRespond ? 0.25 : 0.1);
    if (!reply(handler, late ? later(resolveDueAt, 120, 96 * 60) : planned(row.createdAt, cat, 0.1 + 0.8 * rng.next() ** 1.5))) return;
    const wasLate = row.repliedAt! > resolveDueAt;
    if (rng.chance(0.35)) {
      const rating = rate(later(life.at, 120, 72 * 60), wasLate);
      if (rating === null || rating > 2 || !rng.chance(0.5)) return;
      const reopenAt = daytime(later(life.at, 60, 48 * 60));
      if (!life.step(reopenAt, resident, 'reopen', {
        reopenedCount: row.reopenedCount + 1, rating: null, ratingComment: null, ratedAt: null, closedAt: null, slaState: 'ok',
        resolveDueAt: deadlineFor(reopenAt, cat.resolveHours, cat.workingTime, cal),
      }, reopenNote(rng))) return;
      if (!reply(handler, planned(life.at, cat, 0.1 + 0.4 * rng.next()))) return;
      rate(later(life.at, 120, 48 * 60), false, true);
      return;
    }
    if (!life.step(later(life.at, 4 * 60, 48 * 60), worker, 'verify', {}, verifyNote(rng))) return;
    if (!close(later(life.at, 60, 24 * 60))) return;
    if (rng.chance(0.7)) rate(later(life.at, 60, 72 * 60), wasLate);
  }

  function close(at: Date): boolean {
    return life.step(at, worker, 'close', { closedAt: at });
  }

  function planned(from: Date, c: HistoryCategory, share: number): Date {
    return c.workingTime ? addWorkingHours(from, c.resolveHours * share, cal) : addCalendarHours(from, c.resolveHours * share);
  }

  function reply(handler: Staff, at: Date): boolean {
    const when = at.getTime() > life.at.getTime() + 20 * MIN ? at : later(life.at, 20, 90);
    const text = replyFor(rng, cat.code, cat.matter);
    return life.step(when, handler, 'reply', { reply: text, repliedAt: when, slaState: 'ok' }, text);
  }

  function rate(at: Date, wasLate: boolean, second = false): number | null {
    const rating = second ? rng.weighted([[3, 3], [4, 4], [5, 3]]) : rng.weighted(wasLate ? LATE_RATINGS : ON_TIME_RATINGS);
    const comment = ratingComment(rng, rating);
    const when = daytime(at);
    return life.step(when, resident, 'rate', { rating, ratingComment: comment, ratedAt: when }, comment, { rating }) ? rating : null;
  }
}
