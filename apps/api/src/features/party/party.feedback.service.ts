import ExcelJS from 'exceljs';
import { renderPdf, type PdfDocSpec } from '../../platform/documents/pdf.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { oneCommunity, type Community } from './party.community.ts';
import { quarterServices } from './party.repository.ts';

/** The China days [from, to) of a quarter. */
export function quarterDays(year: number, quarter: number): { from: string; to: string } {
  const m = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(m).padStart(2, '0')}-01`;
  const to = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(m + 3).padStart(2, '0')}-01`;
  return { from, to };
}

/** One member's services in a quarter, for the letter to their own party organisation. */
export interface FeedbackMember {
  name: string; cardNo: string; employer: string; branch: string; contact: string;
  services: { day: string; title: string }[];
}

/** The quarter's services per member of a community, grouped by the member's own party organisation. */
export async function quarterFeedback(db: Db, actor: Actor, q: { regionId?: string; year: number; quarter: number }): Promise<{ community: Community; year: number; quarter: number; members: FeedbackMember[] }> {
  const community = await oneCommunity(db, actor, 'party.read', q.regionId);
  const { from, to } = quarterDays(q.year, q.quarter);
  const rows = await quarterServices(db, community.code, from, to);
  const byMember = new Map<string, FeedbackMember>();
  for (const r of rows) {
    const m = byMember.get(r.reportId) ?? { name: r.name, cardNo: r.cardNo ?? '', employer: r.employer, branch: r.branch, contact: r.contact, services: [] };
    if (r.day && r.title) m.services.push({ day: r.day, title: r.title });
    byMember.set(r.reportId, m);
  }
  return { community, year: q.year, quarter: q.quarter, members: [...byMember.values()] };
}

/** The quarter's feedback as a workbook: a summary per member and every service on its own line. */
export async function feedbackWorkbook(f: Awaited<ReturnType<typeof quarterFeedback>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi';
  const title = `${f.community.name} ${f.year}年第${f.quarter}季度在职党员报到服务情况`;
  const summary = wb.addWorksheet('汇总');
  summary.addRow([title]);
  summary.addRow(['所在党组织', '姓名', '服务证号', '工作单位', '本季度服务次数']);
  for (const m of f.members) summary.addRow([m.branch, m.name, m.cardNo, m.employer, m.services.length]);
  summary.getRow(2).font = { bold: true };
  summary.columns.forEach((c, i) => { c.width = [28, 12, 24, 28, 16][i]; });
  const detail = wb.addWorksheet('服务明细');
  detail.addRow(['所在党组织', '姓名', '服务证号', '日期', '服务内容']);
  for (const m of f.members) for (const s of m.services) detail.addRow([m.branch, m.name, m.cardNo, s.day, s.title]);
  detail.getRow(1).font = { bold: true };
  detail.columns.forEach((c, i) => { c.width = [28, 12, 24, 12, 40][i]; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The quarter's feedback letter (反馈函) to the members' own party organisations: who reported to the
 * community, how many services each did this quarter and what they were. Data for the platform's
 * PDF renderer (title, paragraphs, one table); `issuedOn` is the China day it is issued.
 */
export function feedbackLetter(f: Awaited<ReturnType<typeof quarterFeedback>>, issuedOn: string): PdfDocSpec {
  const orgs = [...new Set(f.members.map((m) => m.branch))];
  const total = f.members.reduce((n, m) => n + m.services.length, 0);
  return {
    title: '在职党员到社区报到服务情况反馈函',
    subtitle: `${f.community.name} · ${f.year}年第${f.quarter}季度`,
    paragraphs: [
      `${orgs.length ? orgs.join('、') : '各有关单位党组织'}：`,
      `根据在职党员“双报到”工作要求，现将贵单位在职党员${f.year}年第${f.quarter}季度在${f.community.name}报到服务情况反馈如下：本季度共有${f.members.length}名党员在本社区报到，累计完成服务${total}次。具体情况见下表。`,
      '感谢贵单位对社区工作的支持。请将本函转交党员本人，并作为党员年度评议的参考。',
      `${f.community.name}党组织\n${issuedOn}`,
    ],
    table: {
      head: ['所在党组织', '姓名', '服务证号', '本季度次数', '服务内容'],
      rows: f.members.map((m) => [m.branch, m.name, m.cardNo, String(m.services.length), m.services.map((s) => `${s.day} ${s.title}`).join('\n') || '—']),
    },
    footer: `${f.community.name} · 党员双报到反馈函 · ${f.year}Q${f.quarter}`,
  };
}

/** The feedback letter as a PDF (Chinese text, through the platform's one renderer). */
export async function feedbackPdf(f: Awaited<ReturnType<typeof quarterFeedback>>, issuedOn: string): Promise<Uint8Array> {
  return renderPdf(feedbackLetter(f, issuedOn));
}
