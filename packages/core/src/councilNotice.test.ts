import { describe, expect, it } from 'vitest';
import { earliestMeetingStart, noticePeriodMet } from './councilNotice.ts';

const sh = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('the earliest meeting start (issue 15 · item 17e)', () => {
  it('is the notice period after the notice, to the next whole minute, in China time', () => {
    expect(earliestMeetingStart(sh('2026-03-02 09:00'), 72)).toEqual({ at: sh('2026-03-05 09:00'), text: '2026-03-05 09:00' });
    // Seconds past the minute round up: the minute before would still be too early.
    const noticed = new Date(sh('2026-03-02 23:59').getTime() + 1_500);
    const { at, text } = earliestMeetingStart(noticed, 48);
    expect(text).toBe('2026-03-05 00:00');
    expect(noticePeriodMet(noticed, at, 48)).toBe(true);
    expect(noticePeriodMet(noticed, new Date(at.getTime() - 60_000), 48)).toBe(false);
    expect(() => earliestMeetingStart(sh('2026-03-02 09:00'), -1)).toThrow(RangeError);
  });

  it('is never refused and never more than a minute later than needed, for any notice time', () => {
    for (let i = 0; i < 2000; i++) {
      const noticed = new Date(Date.UTC(2026, 0, 1) + i * 7_777_777);
      const hours = i % 200;
      const { at } = earliestMeetingStart(noticed, hours);
      expect(noticePeriodMet(noticed, at, hours)).toBe(true);
      expect(at.getTime() - noticed.getTime() - hours * 3_600_000).toBeLessThan(60_000);
    }
  });
});
