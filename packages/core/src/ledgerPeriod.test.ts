import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './chinaTime.ts';
import { closeRefusal, firstDayAfterMonth, inClosedMonth, isMonth, placeEntry, postingWindow, reportWindowStart, reportedMonthRefusal, type LedgerCalendar } from './ledgerPeriod.ts';

const cal = (c: Partial<LedgerCalendar> = {}): LedgerCalendar => ({ today: '2026-12-07', closedThrough: null, maxBackdateDays: 366, ...c });

describe('ledger calendar', () => {
  it('knows months and the first day after one', () => {
    expect(isMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', '']) expect(isMonth(bad)).toBe(false);
    expect(firstDayAfterMonth('2026-10')).toBe('2026-11-01');
    expect(firstDayAfterMonth('2026-12')).toBe('2027-01-01');
    expect(firstDayAfterMonth('2024-02')).toBe('2024-03-01');
  });

  it('posts an entry on its own date inside the window', () => {
    expect(placeEntry(undefined, cal())).toEqual({ ok: true, postedOn: '2026-12-07', originalOn: null });
    expect(placeEntry('2026-12-07', cal())).toEqual({ ok: true, postedOn: '2026-12-07', originalOn: null });
    expect(placeEntry('2026-11-05', cal({ closedThrough: '2026-10' }))).toEqual({ ok: true, postedOn: '2026-11-05', originalOn: null });
    expect(placeEntry('2025-12-06', cal())).toEqual({ ok: true, postedOn: '2025-12-06', originalOn: null }); // exactly 366 days back
  });

  it('refuses the future (after today in China time), the too-old and non-dates', () => {
    expect(placeEntry('2026-12-08', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_FUTURE' });
    expect(placeEntry('2099-01-01', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_FUTURE' });
    expect(placeEntry('2025-12-05', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_TOO_OLD' });
    expect(placeEntry('1990-01-01', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_TOO_OLD' });
    expect(placeEntry('2026-11-05', cal({ maxBackdateDays: 0 }))).toEqual({ ok: false, refusal: 'LEDGER_DATE_TOO_OLD' });
    expect(placeEntry('2026-02-30', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_INVALID' });
    expect(placeEntry('yesterday', cal())).toEqual({ ok: false, refusal: 'LEDGER_DATE_INVALID' });
  });

  it('puts a late entry of a closed month into the open period, keeping its own date beside', () => {
    expect(placeEntry('2026-10-31', cal({ closedThrough: '2026-10' }))).toEqual({ ok: true, postedOn: '2026-12-07', originalOn: '2026-10-31' });
    expect(placeEntry('2026-03-01', cal({ closedThrough: '2026-10' }))).toEqual({ ok: true, postedOn: '2026-12-07', originalOn: '2026-03-01' });
  });

  it('property: a placed entry never lands in a closed month, never after today, never before the window', () => {
    const day = fc.integer({ min: -800, max: 30 }).map((n) => addDays('2026-12-07', n));
    const closed = fc.option(fc.integer({ min: 1, max: 11 }).map((m) => `2026-${String(m).padStart(2, '0')}`), { nil: null });
    fc.assert(fc.property(day, closed, fc.integer({ min: 0, max: 800 }), (d, c, back) => {
      const calendar = cal({ closedThrough: c, maxBackdateDays: back });
      const p = placeEntry(d, calendar);
      if (!p.ok) return;
      const w = postingWindow(calendar);
      expect(inClosedMonth(p.postedOn, c)).toBe(false);
      expect(p.postedOn <= '2026-12-07').toBe(true);
      expect(p.postedOn >= w.earliest || p.postedOn === calendar.today).toBe(true);
      expect(p.originalOn === null ? p.postedOn : p.originalOn).toBe(d);
    }));
  });

  it('gives the posting window', () => {
    expect(postingWindow(cal())).toEqual({ earliest: '2025-12-06', latest: '2026-12-07' });
    expect(postingWindow(cal({ closedThrough: '2026-10' }))).toEqual({ earliest: '2026-11-01', latest: '2026-12-07' });
    expect(postingWindow(cal({ closedThrough: '2024-01', maxBackdateDays: 30 }))).toEqual({ earliest: '2026-11-07', latest: '2026-12-07' });
  });

  it('closes only ended months after the last closed one', () => {
    expect(closeRefusal('2026-11', cal())).toBeNull();
    expect(closeRefusal('2026-01', cal({ closedThrough: '2025-12' }))).toBeNull();
    expect(closeRefusal('2026-12', cal())).toBe('LEDGER_MONTH_NOT_ENDED');
    expect(closeRefusal('2027-01', cal())).toBe('LEDGER_MONTH_NOT_ENDED');
    expect(closeRefusal('2026-10', cal({ closedThrough: '2026-10' }))).toBe('LEDGER_MONTH_ALREADY_CLOSED');
    expect(closeRefusal('2026-09', cal({ closedThrough: '2026-10' }))).toBe('LEDGER_MONTH_ALREADY_CLOSED');
    expect(closeRefusal('2026-13', cal())).toBe('LEDGER_DATE_INVALID');
  });

  it('refuses to close a month before the ledger begins (probe 2), and accepts its first month', () => {
    expect(closeRefusal('1900-01', { ...cal(), firstMonth: '2025-12' })).toBe('LEDGER_MONTH_BEFORE_LEDGER');
    expect(closeRefusal('2025-11', { ...cal(), firstMonth: '2025-12' })).toBe('LEDGER_MONTH_BEFORE_LEDGER');
    expect(closeRefusal('2025-12', { ...cal(), firstMonth: '2025-12' })).toBeNull();
    expect(closeRefusal('2026-11', { ...cal(), firstMonth: '2025-12' })).toBeNull();
    expect(closeRefusal('2026-11', { ...cal(), firstMonth: null })).toBeNull();
    // Already closed stays the clearer answer for a month both closed and before the start.
    expect(closeRefusal('2025-01', { ...cal({ closedThrough: '2026-01' }), firstMonth: '2025-12' })).toBe('LEDGER_MONTH_ALREADY_CLOSED');
    // A month not yet ended is refused as such even when the ledger starts later.
    expect(closeRefusal('2026-12', { ...cal(), firstMonth: '2027-01' })).toBe('LEDGER_MONTH_NOT_ENDED');
  });

  it('knows which days a close covers', () => {
    expect(inClosedMonth('2026-10-31', '2026-10')).toBe(true);
    expect(inClosedMonth('2026-11-01', '2026-10')).toBe(false);
    expect(inClosedMonth('2020-01-01', null)).toBe(false);
  });
});

describe('a reported month (turnover) has ended and lies inside the backdate window', () => {
  const cal = { today: '2026-12-07', maxBackdateDays: 366 };
  it('accepts an ended month whose days are all inside the window, not one starting a day before it', () => {
    expect(reportedMonthRefusal('2026-11', cal)).toBeNull();
    expect(reportedMonthRefusal('2025-12', cal)).toBe('LEDGER_DATE_TOO_OLD'); // the window starts 2025-12-06
    expect(reportedMonthRefusal('2026-01', cal)).toBeNull();
  });
  it('refuses the current month and any later one', () => {
    expect(reportedMonthRefusal('2026-12', cal)).toBe('LEDGER_REPORT_MONTH_NOT_ENDED');
    expect(reportedMonthRefusal('2027-01', cal)).toBe('LEDGER_REPORT_MONTH_NOT_ENDED');
    expect(reportedMonthRefusal('2099-12', cal)).toBe('LEDGER_REPORT_MONTH_NOT_ENDED');
  });
  it('refuses a month starting before the window, and a malformed month', () => {
    expect(reportedMonthRefusal('2025-01', cal)).toBe('LEDGER_DATE_TOO_OLD');
    expect(reportedMonthRefusal('2026-11', { ...cal, maxBackdateDays: 30 })).toBe('LEDGER_DATE_TOO_OLD');
    expect(reportedMonthRefusal('2026-11', { ...cal, maxBackdateDays: 36 })).toBeNull();
    expect(reportedMonthRefusal('2026-13', cal)).toBe('LEDGER_DATE_INVALID');
    expect(reportWindowStart(cal)).toBe('2025-12-06');
  });
});
