import ExcelJS from 'exceljs';
import { formatArea } from '@gongzhi/core';
import type { Db } from '../../platform/db/client.ts';
import type { AssemblyMatterRow, AssemblyRow } from './assembly.table.ts';
import { counts, mattersOf, recountData } from './assembly.repository.ts';

const CHOICE_ZH = { for: '同意', against: '反对', abstain: '弃权' } as const;
const MAJORITY_ZH = { ordinary: '双过半（过半数）', special: '双四分之三' } as const;

/**
 * Every ballot and every unit of the frozen roll as a workbook, so anyone may recount: areas as
 * exact two-decimal text (never floats), owners by a number on the roll rather than by name.
 * Sheets: 房屋 units (unit, owner no., area), 选票 ballots (owner no., matter, choice, area,
 * channel, time), 结果 the published tally per matter.
 */
export async function ballotsWorkbook(db: Db, a: AssemblyRow): Promise<Buffer> {
  const [matters, { units, ballots: all }] = await Promise.all([mattersOf(db, a.id), recountData(db, a.id)]);
  // Only the ballots that counted (paper ones verified by a scrutineer), so the recount matches.
  const ballots = all.filter(counts);
  const ownerNo = new Map<string, number>();
  for (const u of units) if (!ownerNo.has(u.ownerKey)) ownerNo.set(u.ownerKey, ownerNo.size + 1);
  const matterById = new Map<string, AssemblyMatterRow>(matters.map((m) => [m.id, m]));

  const wb = new ExcelJS.Workbook();
  const us = wb.addWorksheet('房屋');
  us.columns = [{ header: '房屋', key: 'unit', width: 22 }, { header: '业主编号', key: 'owner', width: 10 }, { header: '专有面积(m²)', key: 'area', width: 14 }];
  for (const u of units) us.addRow({ unit: u.label, owner: ownerNo.get(u.ownerKey), area: formatArea(u.areaCentiM2) });

  const bs = wb.addWorksheet('选票');
  bs.columns = [
    { header: '业主编号', key: 'owner', width: 10 }, { header: '事项', key: 'matter', width: 8 }, { header: '事项名称', key: 'title', width: 30 },
    { header: '表决', key: 'choice', width: 8 }, { header: '业主专有面积(m²)', key: 'area', width: 16 },
    { header: '方式', key: 'channel', width: 8 }, { header: '时间', key: 'at', width: 24 },
  ];
  for (const b of ballots) {
    const m = matterById.get(b.matterId);
    bs.addRow({
      owner: ownerNo.get(b.ownerKey), matter: m?.position, title: m?.title, choice: CHOICE_ZH[b.choice], area: formatArea(b.areaCentiM2),
      channel: b.channel === 'paper' ? '纸质' : '线上', at: b.castAt.toISOString(),
    });
  }

  const rs = wb.addWorksheet('结果');
  rs.columns = [
    { header: '事项', key: 'n', width: 6 }, { header: '名称', key: 'title', width: 30 }, { header: '表决规则', key: 'rule', width: 18 },
    { header: '业主总人数', key: 'eo', width: 10 }, { header: '总面积', key: 'ea', width: 12 }, { header: '参与人数', key: 'po', width: 10 },
    { header: '参与面积', key: 'pa', width: 12 }, { header: '同意人数', key: 'fo', width: 10 }, { header: '同意面积', key: 'fa', width: 12 },
    { header: '达到法定人数', key: 'q', width: 12 }, { header: '通过', key: 'p', width: 8 },
  ];
  for (const m of matters) {
    const r = m.result;
    rs.addRow({
      n: m.position, title: m.title, rule: MAJORITY_ZH[m.majority], eo: r?.eligible.owners, ea: r?.eligible.area, po: r?.participating.owners,
      pa: r?.participating.area, fo: r?.for.owners, fa: r?.for.area, q: r ? (r.quorumMet ? '是' : '否') : '', p: r ? (r.passed ? '是' : '否') : '',
    });
  }
  for (const ws of [us, bs, rs]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
