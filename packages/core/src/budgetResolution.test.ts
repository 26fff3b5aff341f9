import { describe, expect, it } from 'vitest';
import { ASSEMBLY_MATTER_KINDS } from './ownersVote.ts';
import { BUDGET_MATTER_KINDS, budgetResolutionRefusal, paperResolutionRefusal, resolutionRefKey, yearsNamed, type BudgetMatter } from './budgetResolution.ts';

const PATH = '510108001001001';
const matter = (m: Partial<BudgetMatter> = {}): BudgetMatter => ({
  kind: 'other_major', regionPath: PATH, passed: true, published: true, title: '2027 年度物业收支预算', description: '',
  closedOn: '2026-10-31', usedBy: null, ...m,
});
const budget = { fundPath: PATH, year: 2027 };

describe('a budget rests only on the matter that approved it', () => {
  it('accepts a passed, published matter of the compound, of a budget kind, naming the year', () => {
    expect(budgetResolutionRefusal(matter(), budget)).toBeNull();
    expect(budgetResolutionRefusal(matter({ kind: 'property_manager', title: '续聘物业', description: '含 2027年 预算' }), budget)).toBeNull();
    expect(budgetResolutionRefusal(matter({ closedOn: '2027-03-01' }), budget)).toBeNull(); // approved during the year
  });

  it('refuses a missing, failed, unpublished or other compound\'s matter', () => {
    expect(budgetResolutionRefusal(null, budget)).toBe('FUND_BUDGET_RESOLUTION_INVALID');
    expect(budgetResolutionRefusal(matter({ passed: false }), budget)).toBe('FUND_BUDGET_RESOLUTION_INVALID');
    expect(budgetResolutionRefusal(matter({ published: false }), budget)).toBe('FUND_BUDGET_RESOLUTION_INVALID');
    expect(budgetResolutionRefusal(matter({ regionPath: `${PATH}001` }), budget)).toBe('FUND_BUDGET_RESOLUTION_INVALID');
    expect(budgetResolutionRefusal(matter({ regionPath: PATH.slice(0, 12) }), budget)).toBe('FUND_BUDGET_RESOLUTION_INVALID');
  });

  it('refuses every kind of matter that cannot approve a budget', () => {
    for (const kind of ASSEMBLY_MATTER_KINDS) {
      const r = budgetResolutionRefusal(matter({ kind }), budget);
      expect(r).toBe(BUDGET_MATTER_KINDS.includes(kind) ? null : 'FUND_BUDGET_RESOLUTION_KIND');
    }
  });

  it('refuses a matter of another year, or closed after the year', () => {
    expect(budgetResolutionRefusal(matter({ title: '2026 年度物业收支预算' }), budget)).toBe('FUND_BUDGET_RESOLUTION_YEAR');
    expect(budgetResolutionRefusal(matter({ title: '物业收支预算' }), budget)).toBe('FUND_BUDGET_RESOLUTION_YEAR');
    expect(budgetResolutionRefusal(matter({ title: '12027 号' }), budget)).toBe('FUND_BUDGET_RESOLUTION_YEAR');
    expect(budgetResolutionRefusal(matter({ closedOn: '2028-01-02' }), budget)).toBe('FUND_BUDGET_RESOLUTION_YEAR');
  });

  it('lets a matter back one budget only', () => {
    expect(budgetResolutionRefusal(matter({ usedBy: 'b1' }), budget)).toBe('FUND_BUDGET_RESOLUTION_USED');
  });

  it('reads years named in text', () => {
    expect(yearsNamed('2026—2027 年度预算（第 3 号）')).toEqual([2026, 2027]);
    expect(yearsNamed('编号 120270')).toEqual([]);
  });
});

describe('a paper resolution backs one budget, approved no later than its year', () => {
  const b = { year: 2027, today: '2026-12-07', usedRefs: [] as string[] };
  it('accepts a fresh reference approved before or in the year, and no date at all', () => {
    expect(paperResolutionRefusal({ resolutionRef: '业主大会决议2027-1', approvedOn: '2026-10-31' }, b)).toBeNull();
    expect(paperResolutionRefusal({ resolutionRef: null, approvedOn: null }, b)).toBeNull();
    expect(paperResolutionRefusal({ resolutionRef: '决议', approvedOn: '2025-03-01' }, { ...b, year: 2025 })).toBeNull();
  });
  it('refuses a reference another budget of the fund already rests on, however it is spaced or written', () => {
    const usedRefs = ['业主大会决议2027-1'];
    expect(paperResolutionRefusal({ resolutionRef: '业主大会决议2027-1', approvedOn: null }, { ...b, year: 2028, usedRefs })).toBe('FUND_BUDGET_REF_USED');
    expect(paperResolutionRefusal({ resolutionRef: ' 业主大会决议 ２０２７－１ ', approvedOn: null }, { ...b, usedRefs })).toBe('FUND_BUDGET_REF_USED');
    expect(resolutionRefKey('A 1')).toBe(resolutionRefKey('ａ１'));
  });
  it('refuses an approval after the budget year ended, after today, or not a real day', () => {
    expect(paperResolutionRefusal({ resolutionRef: null, approvedOn: '2026-12-01' }, { ...b, year: 2025 })).toBe('FUND_BUDGET_APPROVED_ON_INVALID');
    expect(paperResolutionRefusal({ resolutionRef: null, approvedOn: '2027-01-05' }, b)).toBe('FUND_BUDGET_APPROVED_ON_INVALID');
    expect(paperResolutionRefusal({ resolutionRef: null, approvedOn: '2026-02-30' }, b)).toBe('FUND_BUDGET_APPROVED_ON_INVALID');
    expect(paperResolutionRefusal({ resolutionRef: null, approvedOn: '2025-12-31' }, { ...b, year: 2025 })).toBeNull();
  });
});
