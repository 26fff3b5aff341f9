/** The dashboard's data helpers: a CSV of the comparison table and a gap-free daily series. */
import type { TFunction } from 'i18next';
import type { KpiView, Rates } from '../../api/types.ts';

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const rate = (r: number | null) => (r === null ? '' : (r * 100).toFixed(1) + '%');

/**
 * The drill-down table as CSV text: one row per child region and a total row. Excel reads a CSV as
 * the local ANSI code page unless it starts with a UTF-8 byte-order mark, so the caller adds one.
 */
export function kpiCsv(view: KpiView, t: TFunction, levelName: (level: string) => string): string {
  const header = [
    t('kpi.dashboard.name'), t('kpi.dashboard.col.level'), t('kpi.dashboard.col.received'), t('kpi.dashboard.col.responded'),
    t('kpi.dashboard.col.resolved'), t('kpi.dashboard.col.rated'), t('kpi.dashboard.col.satisfied'), t('kpi.dashboard.col.resolvedOnTime'),
    t('kpi.dashboard.responseRate'), t('kpi.dashboard.resolutionRate'), t('kpi.dashboard.satisfactionRate'), t('kpi.dashboard.onTimeRate'),
  ];
  const row = (name: string, level: string, r: Rates) => [
    name, level, r.received, r.responded, r.resolved, r.rated, r.satisfied, r.resolvedOnTime,
    rate(r.responseRate), rate(r.resolutionRate), rate(r.satisfactionRate), rate(r.onTimeRate),
  ];
  const rows = [
    header,
    ...view.children.map((c) => row(c.name, levelName(c.level), c.rates)),
    row(`${t('kpi.dashboard.total')}（${view.region?.name ?? ''}）`, view.region ? levelName(view.region.level) : '', view.total),
  ];
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Hands CSV text to the browser as a download, with the BOM that makes Excel read it as UTF-8. */
export function downloadCsv(text: string, filename: string): void {
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Every day of the period, with zeros where the API sent nothing (it lists only days with counts):
 * a quiet day must show as a dip, not vanish from the axis.
 */
export function fillDays(view: Pick<KpiView, 'from' | 'to' | 'daily'>): KpiView['daily'] {
  const byDay = new Map(view.daily.map((d) => [d.day, d]));
  const out: KpiView['daily'] = [];
  // Plain calendar arithmetic on dates (UTC midnight), so no time zone can skip or repeat a day.
  for (let t = Date.parse(view.from + 'T00:00:00Z'), end = Date.parse(view.to + 'T00:00:00Z'); t <= end && out.length < 1000; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, received: 0, resolved: 0 });
  }
  return out;
}
