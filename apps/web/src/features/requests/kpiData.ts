/** The dashboard's data helpers: a gap-free daily series. */
import type { KpiView } from '../../api/types.ts';

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
