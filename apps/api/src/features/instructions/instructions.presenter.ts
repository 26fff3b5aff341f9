import ExcelJS from 'exceljs';
import type { InstructionSummary, Progress } from '@gongzhi/contracts';
import { INSTRUCTION_OUTCOME_LABELS, INSTRUCTION_TASK_LABELS, type InstructionTask } from '@gongzhi/core';
import type { Actor } from '../../platform/authz/actor.ts';
import { abilities } from '../../platform/authz/authorize.ts';
import type { InstructionRow } from './instructions.repository.ts';

/** What leaves the server about an instruction; the issuer's id stays inside. */
export function presentInstruction(actor: Actor, i: InstructionRow): InstructionSummary {
  return {
    id: i.id, title: i.title, body: i.body, task: i.task, question: i.question, tags: i.tags, channels: i.channels, attachments: i.attachments,
    regionId: i.regionId, regionPath: i.regionPath, regionName: i.regionName, issuerName: i.issuerName,
    deadline: i.deadline.toISOString(), createdAt: i.createdAt.toISOString(), closedAt: i.closedAt?.toISOString() ?? null,
    microgrids: i.microgrids, workers: i.workers, households: i.households,
    abilities: abilities(actor, ['instruction.issue', 'instruction.read'] as const, { regionPath: i.regionPath }),
  };
}

const LEVEL_ZH: Record<string, string> = { district: '区', street: '街道', community: '社区', grid: '网格', microgrid: '微网格' };
const pct = (permille: number) => permille / 1000;

/**
 * The report per region as a workbook: the node's children with their counters (rates as
 * percentages), every micro-grid below on a second sheet, and the households never reached on a third.
 */
export async function reportWorkbook(i: InstructionRow, progress: Progress, grids: { path: string; name: string; workers: number; acked: number; households: number; reached: number; notHome: number; refused: number }[],
  unreached: { address: string; microgrid: string; regionPath: string; status: string; attempts: number }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分区域进度');
  ws.columns = [
    { header: '区域', key: 'name', width: 22 }, { header: '层级', key: 'level', width: 8 }, { header: '代码', key: 'path', width: 20 },
    { header: '微网格', key: 'microgrids', width: 8 }, { header: '网格员', key: 'workers', width: 8 }, { header: '已签收', key: 'acked', width: 8 },
    { header: '签收率', key: 'ackRate', width: 9 }, { header: '住户', key: 'households', width: 9 }, { header: '已送达', key: 'reached', width: 9 },
    { header: '送达率', key: 'reachRate', width: 9 }, { header: '不在家', key: 'notHome', width: 8 }, { header: '拒绝', key: 'refused', width: 8 },
    { header: '未完成', key: 'open', width: 8 }, { header: '超时微网格', key: 'overdue', width: 10 }, { header: '无网格员微网格', key: 'unstaffed', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  const line = (n: Progress['node']) => ({ ...n, level: LEVEL_ZH[n.level] ?? n.level, ackRate: pct(n.ackedPermille), reachRate: pct(n.reachedPermille) });
  for (const c of progress.children) ws.addRow(line(c));
  ws.addRow({ ...line(progress.node), name: `合计：${progress.node.name}` }).font = { bold: true };
  for (const key of ['ackRate', 'reachRate']) ws.getColumn(key).numFmt = '0.0%';
  ws.addRow([]);
  ws.addRow([`指令：${i.title}（${INSTRUCTION_TASK_LABELS[i.task as InstructionTask]['zh-CN']}），下发 ${i.createdAt.toISOString()}，时限 ${i.deadline.toISOString()}，发布人 ${i.issuerName}`]);
  const g = wb.addWorksheet('微网格');
  g.columns = [
    { header: '微网格', key: 'name', width: 26 }, { header: '代码', key: 'path', width: 20 }, { header: '网格员', key: 'workers', width: 8 },
    { header: '已签收', key: 'acked', width: 8 }, { header: '住户', key: 'households', width: 8 }, { header: '已送达', key: 'reached', width: 8 },
    { header: '不在家', key: 'notHome', width: 8 }, { header: '拒绝', key: 'refused', width: 8 },
  ];
  g.getRow(1).font = { bold: true };
  for (const row of grids) g.addRow(row);
  const u = wb.addWorksheet('未送达住户');
  u.columns = [
    { header: '微网格', key: 'microgrid', width: 26 }, { header: '代码', key: 'regionPath', width: 20 }, { header: '地址', key: 'address', width: 36 },
    { header: '状态', key: 'status', width: 14 }, { header: '走访次数', key: 'attempts', width: 9 },
  ];
  u.getRow(1).font = { bold: true };
  for (const row of unreached) u.addRow({ ...row, status: INSTRUCTION_OUTCOME_LABELS[row.status as 'pending']?.['zh-CN'] ?? row.status });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
