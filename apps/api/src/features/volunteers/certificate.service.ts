import { randomBytes } from 'node:crypto';
import { chinaDay } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { EVERYWHERE, scopeFor } from '../../platform/authz/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { ownRegisterEntry } from '../org/people.service.ts';
import { regionByCode } from '../org/region.service.ts';
import { findVolunteer, insertCertificate, listRecords, volunteerOfResident, type VolunteerRow } from './volunteers.repository.ts';
import { renderPdf } from '../../platform/documents/pdf.ts';
import { communityPathOf } from './volunteers.policy.ts';
import { hoursText } from './volunteers.presenter.ts';

/** What a service certificate states: who, which period, the approved records and their total. */
export interface CertificateData {
  number: string;
  name: string;
  community: string;
  from: string;
  to: string;
  totalMinutes: number;
  issuedOn: string;
  records: { serviceDay: string; title: string; minutes: number }[];
}

/** The first day a certificate may cover when none is asked: the start of 2000 (every record). */
const EARLIEST = '2000-01-01';

/**
 * Issues a certificate of a volunteer's approved service in a period (both days included): records
 * the issue under a fresh verification number (so a printed one can be checked), audited.
 */
async function issue(db: Db, actor: Actor, v: VolunteerRow, period: { from?: string; to?: string }, now: Date): Promise<CertificateData> {
  const today = chinaDay(now);
  const from = period.from ?? EARLIEST;
  const to = period.to ?? today;
  if (from > to) throw new AppError('VOLUNTEER_PERIOD_INVALID');
  const [{ resident }, community, rows] = await Promise.all([
    ownRegisterEntry(db, v.residentId), regionByCode(db, communityPathOf(v.regionPath)),
    listRecords(db, EVERYWHERE, { volunteerId: v.id, status: 'approved', from, to, limit: 10_000 }),
  ]);
  const records = rows.map((r) => ({ serviceDay: r.serviceDay, title: r.title, minutes: r.minutes })).reverse();
  const totalMinutes = records.reduce((s, r) => s + r.minutes, 0);
  // ZYFW + day + 8 random hex digits: unguessable, so a number on paper proves it was issued here.
  const number = `ZYFW${today.replaceAll('-', '')}${randomBytes(4).toString('hex').toUpperCase()}`;
  await db.transaction(async (tx) => {
    await insertCertificate(tx, { number, volunteerId: v.id, regionPath: v.regionPath, districtCode: v.districtCode, fromDay: from, toDay: to, minutes: totalMinutes, issuedBy: actor.userId });
    await audit(tx, actor, { action: 'volunteer.certificate', subjectType: 'volunteer', subjectId: v.id, regionPath: v.regionPath, details: { number, from, to, totalMinutes } });
  });
  return { number, name: resident?.name ?? '', community: community?.name ?? '', from: period.from ?? records[0]?.serviceDay ?? from, to, totalMinutes, issuedOn: today, records };
}

/** The signed-in person's own certificate (they must be a verified volunteer). */
export async function myCertificate(db: Db, actor: Actor, period: { from?: string; to?: string }, now: Date): Promise<CertificateData> {
  const v = actor.residentId ? await volunteerOfResident(db, actor.residentId) : undefined;
  if (!v || v.status !== 'verified') throw new AppError('VOLUNTEER_NOT_FOUND');
  return issue(db, actor, v, period, now);
}

/** A volunteer's certificate issued by staff in scope (out of scope: not found). */
export async function staffCertificate(db: Db, actor: Actor, volunteerId: string, period: { from?: string; to?: string }, now: Date): Promise<CertificateData> {
  const v = await findVolunteer(db, scopeFor(actor, 'volunteer.read'), volunteerId);
  if (!v || v.status !== 'verified') throw new AppError('VOLUNTEER_NOT_FOUND');
  return issue(db, actor, v, period, now);
}

/**
 * The certificate as a PDF (A4, Chinese): who, the period, total approved hours, a table of the
 * records, the issuing community and the verification number.
 */
export async function certificatePdf(c: CertificateData): Promise<Uint8Array> {
  return renderPdf({
    title: '志愿服务证明',
    subtitle: `核验编号：${c.number}`,
    paragraphs: [
      `兹证明 ${c.name} 同志为${c.community}登记在册的志愿者，于 ${c.from} 至 ${c.to} 期间参加志愿服务，经审核认定的服务时长共计 ${hoursText(c.totalMinutes)} 小时（${c.totalMinutes} 分钟）。`,
      '特此证明。',
      `出具单位：${c.community}\n出具日期：${c.issuedOn}`,
    ],
    table: { head: ['日期', '服务内容', '时长（分钟）'], rows: c.records.map((r) => [r.serviceDay, r.title, String(r.minutes)]) },
    footer: `${c.community} · 志愿服务证明 ${c.number}`,
    meta: { author: c.community, subject: '志愿服务证明' },
  });
}
