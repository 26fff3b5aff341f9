import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { KpiView, Rates } from '../../api/types.ts';
import { fillDays, kpiCsv } from './kpiData.ts';

const rates = (over: Partial<Rates> = {}): Rates => ({
  received: 0, responded: 0, resolved: 0, rated: 0, satisfied: 0, respondedOnTime: 0, resolvedOnTime: 0,
  responseRate: null, resolutionRate: null, satisfactionRate: null, onTimeRate: null, ...over,
});

describe('fillDays', () => {
  it('gives every day of the period, zero where the API sent nothing, across a month end', () => {
    const days = fillDays({ from: '2025-01-30', to: '2025-02-02', daily: [{ day: '2025-01-31', received: 3, resolved: 1 }] });
    expect(days).toEqual([
      { day: '2025-01-30', received: 0, resolved: 0 },
      { day: '2025-01-31', received: 3, resolved: 1 },
      { day: '2025-02-01', received: 0, resolved: 0 },
      { day: '2025-02-02', received: 0, resolved: 0 },
    ]);
  });
});

describe('kpiCsv', () => {
  it('writes one row per child and a total, quoting commas and showing empty rates as blanks', () => {
    const t = ((k: string) => k) as unknown as TFunction;
    const view: KpiView = {
      region: { id: 'r', name: '成华区', code: '510108', level: 'district' }, from: '2025-01-01', to: '2025-01-31',
      total: rates({ received: 4, responded: 3, responseRate: 0.75 }),
      children: [{ id: 'c', name: '猛追湾街道, 东', code: '510108001', level: 'street', rates: rates({ received: 4, responded: 3, responseRate: 0.75 }) }],
      daily: [],
    };
    const lines = kpiCsv(view, t, (l) => l).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('"猛追湾街道, 东",street,4,3,0,0,0,0,75.0%,,,');
    expect(lines[2]!.startsWith('kpi.dashboard.total（成华区）,district,4,3')).toBe(true);
  });
});
