import { describe, expect, it } from 'vitest';
import { CouncilCountError, decideMotion, membersShortOfQuorum, councilQuorumReached } from './councilVote.ts';
import { noticePeriodMet, noticeWindowEnd, noticeWindowOpen } from './councilNotice.ts';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from './worktime.ts';

/** Brute force: the rules restated with fractions compared as exact rationals on small numbers. */
const moreThanHalf = (part: number, whole: number) => 2 * part > whole;
const twoThirds = (part: number, whole: number) => 3 * part >= 2 * whole;

describe('quorum of members', () => {
  it('agrees with the definition for every council of up to 40 seats', () => {
    for (let seated = 0; seated <= 40; seated++) {
      for (let present = 0; present <= seated; present++) {
        expect(councilQuorumReached({ seated, present, rule: 'more_than_half' })).toBe(seated > 0 && moreThanHalf(present, seated));
        expect(councilQuorumReached({ seated, present, rule: 'two_thirds' })).toBe(seated > 0 && twoThirds(present, seated));
      }
    }
  });

  it.each([
    [9, 4, false], [9, 5, true], [10, 5, false], [10, 6, true], [1, 1, true], [2, 1, false],
  ])('more than half: %i seated, %i present → %s', (seated, present, ok) => {
    expect(councilQuorumReached({ seated, present, rule: 'more_than_half' })).toBe(ok);
  });

  it.each([
    [9, 6, true], [9, 5, false], [10, 7, true], [10, 6, false], [3, 2, true], [0, 0, false],
  ])('two thirds includes the bound: %i seated, %i present → %s', (seated, present, ok) => {
    expect(councilQuorumReached({ seated, present, rule: 'two_thirds' })).toBe(ok);
  });

  it('rejects impossible or non-integer counts', () => {
    expect(() => councilQuorumReached({ seated: 3, present: 4, rule: 'more_than_half' })).toThrow(CouncilCountError);
    expect(() => councilQuorumReached({ seated: 3.5, present: 1, rule: 'more_than_half' })).toThrow(CouncilCountError);
    expect(() => councilQuorumReached({ seated: 3, present: -1, rule: 'two_thirds' })).toThrow(CouncilCountError);
    expect(() => councilQuorumReached({ seated: Number.NaN, present: 0, rule: 'two_thirds' })).toThrow(CouncilCountError);
    expect(() => councilQuorumReached({ seated: 2 ** 60, present: 0, rule: 'two_thirds' })).toThrow(CouncilCountError);
  });

  it('says how many more members must sign in', () => {
    expect(membersShortOfQuorum(9, 3, 'more_than_half')).toBe(2);
    expect(membersShortOfQuorum(9, 5, 'more_than_half')).toBe(0);
    expect(membersShortOfQuorum(9, 3, 'two_thirds')).toBe(3);
    expect(membersShortOfQuorum(10, 0, 'two_thirds')).toBe(7);
  });
});

describe('deciding a motion', () => {
  it('agrees with the definition for every split of up to 25 members present', () => {
    for (let present = 0; present <= 25; present++) {
      for (let f = 0; f <= present; f++) {
        for (let a = 0; f + a <= present; a++) {
          const abstain = present - f - a;
          const simple = decideMotion({ present, for: f, against: a, abstain }, 'simple');
          const two = decideMotion({ present, for: f, against: a, abstain: 0 }, 'two_thirds');
          expect(simple.passed).toBe(present > 0 && moreThanHalf(f, present));
          expect(two.passed).toBe(present > 0 && twoThirds(f, present));
          expect(two.notVoting).toBe(present - f - a);
          // `needed` is the least number of votes for that passes.
          if (present > 0) {
            expect(moreThanHalf(simple.needed, present) && !moreThanHalf(simple.needed - 1, present)).toBe(true);
            expect(twoThirds(two.needed, present) && !twoThirds(two.needed - 1, present)).toBe(true);
          }
        }
      }
    }
  });

  it.each([
    [{ present: 6, for: 3, against: 2, abstain: 1 }, 'simple', false], // exactly half is not more than half
    [{ present: 7, for: 4, against: 3, abstain: 0 }, 'simple', true],
    [{ present: 9, for: 6, against: 3, abstain: 0 }, 'two_thirds', true], // exactly two thirds passes
    [{ present: 9, for: 5, against: 0, abstain: 4 }, 'two_thirds', false],
    [{ present: 5, for: 2, against: 0, abstain: 0 }, 'simple', false], // absent votes do not approve
    [{ present: 0, for: 0, against: 0, abstain: 0 }, 'simple', false],
  ] as const)('%o with %s majority → %s', (c, majority, passed) => {
    expect(decideMotion(c, majority).passed).toBe(passed);
  });

  it('rejects more votes than members present and non-integer counts', () => {
    expect(() => decideMotion({ present: 3, for: 2, against: 2, abstain: 0 }, 'simple')).toThrow(CouncilCountError);
    expect(() => decideMotion({ present: 3, for: 1.5, against: 0, abstain: 0 }, 'simple')).toThrow(CouncilCountError);
    expect(() => decideMotion({ present: -1, for: 0, against: 0, abstain: 0 }, 'two_thirds')).toThrow(CouncilCountError);
  });
});

/** A Shanghai wall-clock time as an instant. */
const sh = (s: string): Date => new Date(`${s.replace(' ', 'T')}+08:00`);

describe('notice periods', () => {
  it('needs the full notice period between notice and meeting', () => {
    expect(noticePeriodMet(sh('2026-03-02 09:00'), sh('2026-03-05 09:00'), 72)).toBe(true);
    expect(noticePeriodMet(sh('2026-03-02 09:00'), sh('2026-03-05 08:59'), 72)).toBe(false);
    expect(noticePeriodMet(sh('2026-03-02 09:00'), sh('2026-03-02 09:00'), 0)).toBe(true);
    expect(() => noticePeriodMet(sh('2026-03-02 09:00'), sh('2026-03-05 09:00'), 1.5)).toThrow(RangeError);
  });

  it('counts public-notice days as whole working days after the day of publication', () => {
    // Monday 2 March 2026, 10:00: Tue–Fri are days 1–4, Monday 9 March day 5, closing at its midnight.
    expect(noticeWindowEnd(sh('2026-03-02 10:00'), 5)).toEqual(sh('2026-03-10 00:00'));
    // Published on Friday night: the weekend does not count.
    expect(noticeWindowEnd(sh('2026-03-06 23:30'), 1)).toEqual(sh('2026-03-10 00:00'));
    // Published at 00:00 Monday: Monday is the day of publication and does not count.
    expect(noticeWindowEnd(sh('2026-03-09 00:00'), 1)).toEqual(sh('2026-03-11 00:00'));
  });

  it('skips public holidays and counts make-up working days (调休)', () => {
    // National Day 2025: 1–8 October off, Saturday 11 October worked.
    expect(noticeWindowEnd(sh('2025-09-30 15:00'), 1)).toEqual(sh('2025-10-10 00:00'));
    expect(noticeWindowEnd(sh('2025-09-30 15:00'), 3)).toEqual(sh('2025-10-12 00:00'));
    // Spring Festival 2026: Saturday 14 February worked, 15–23 February off, Saturday 28 February worked.
    expect(noticeWindowEnd(sh('2026-02-13 12:00'), 1)).toEqual(sh('2026-02-15 00:00'));
    expect(noticeWindowEnd(sh('2026-02-13 12:00'), 2)).toEqual(sh('2026-02-25 00:00'));
    expect(noticeWindowEnd(sh('2026-02-13 12:00'), 6)).toEqual(sh('2026-03-01 00:00'));
    // Sunday 28 September 2025 is a make-up working day.
    expect(noticeWindowEnd(sh('2025-09-27 12:00'), 1)).toEqual(sh('2025-09-29 00:00'));
  });

  it('follows the calendar it is given and rejects bad counts', () => {
    const plain: WorkCalendar = { holidays: [], workdays: [], dayStart: '09:00', dayEnd: '18:00' };
    expect(noticeWindowEnd(sh('2025-10-01 09:00'), 1, plain)).toEqual(sh('2025-10-03 00:00'));
    expect(noticeWindowEnd(sh('2025-10-01 09:00'), 1, DEFAULT_WORK_CALENDAR)).toEqual(sh('2025-10-10 00:00'));
    expect(() => noticeWindowEnd(sh('2025-10-01 09:00'), 0)).toThrow(RangeError);
    expect(() => noticeWindowEnd(sh('2025-10-01 09:00'), 2.5)).toThrow(RangeError);
  });

  it('is open from publication until the end, exclusive', () => {
    const p = sh('2026-03-02 10:00');
    const end = noticeWindowEnd(p, 5);
    expect(noticeWindowOpen(p, p, end)).toBe(true);
    expect(noticeWindowOpen(new Date(end.getTime() - 1), p, end)).toBe(true);
    expect(noticeWindowOpen(end, p, end)).toBe(false);
    expect(noticeWindowOpen(new Date(p.getTime() - 1), p, end)).toBe(false);
  });
});
