import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { KpiView, Rates } from '@gongzhi/contracts';

const LEVEL_ZH: Record<string, string> = { district: '区', street: '街道', community: '社区', grid: '网格', microgrid: '微网格' };

/**
 * The dashboard as a workbook: one row per child region plus the total (counts and the four rates,
 * rates as percentages), and the daily series on a second sheet.
 */
export async function kpiWorkbook(view: z.infer<typeof KpiView>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('诉求指标');
  ws.columns = [
    { header: '区域', key: 'name', width: 20 }, { header: '层级', key: 'level', width: 8 }, { header: '代码', key: 'code', width: 20 },
    { header: '受理', key: 'received', width: 8 }, { header: '响应', key: 'responded', width: 8 }, { header: '响应率', key: 'responseRate', width: 9 },
    { header: '解决', key: 'resolved', width: 8 }, { header: '解决率', key: 'resolutionRate', width: 9 }, { header: '评价', key: 'rated', width: 8 },
    { header: '满意', key: 'satisfied', width: 8 }, { header: '满意率', key: 'satisfactionRate', width: 9 }, { header: '按时办结率', key: 'onTimeRate', width: 11 },
  ];
  ws.getRow(1).font = { bold: true };
  const row = (name: string, level: string, code: string, r: z.infer<typeof Rates>) => ({
    name, level: LEVEL_ZH[level] ?? level, code, received: r.received, responded: r.responded, responseRate: r.responseRate,
    resolved: r.resolved, resolutionRate: r.resolutionRate, rated: r.rated, satisfied: r.satisfied, satisfactionRate: r.satisfactionRate, onTimeRate: r.onTimeRate,
  });
  for (const c of view.children) ws.addRow(row(c.name, c.level, c.code, c.rates));
  const total = ws.addRow(row(`合计：${view.region?.name ?? ''}`, view.region?.level ?? '', view.region?.code ?? '', view.total));
  total.font = { bold: true };
  for (const key of ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate']) ws.getColumn(key).numFmt = '0.0%';
  ws.addRow([]);
  ws.addRow([`统计期间 ${view.from} 至 ${view.to}（按受理日期，北京时间）`]);
  const daily = wb.addWorksheet('每日');
  daily.columns = [{ header: '日期', key: 'day', width: 12 }, { header: '受理', key: 'received', width: 8 }, { header: '解决', key: 'resolved', width: 8 }];
  daily.getRow(1).font = { bold: true };
  for (const d of view.daily) daily.addRow(d);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
