import { describe, expect, it } from 'vitest';
import { fillDays } from './kpiData.ts';

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
