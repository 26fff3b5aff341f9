import ExcelJS from 'exceljs';
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
export async function quarterFeedback(db: Db, actor: Actor, q: { regionId: string; year: number; quarter: number }): Promise<{ community: Community; year: number; quarter: number; members: FeedbackMember[] }> {
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
