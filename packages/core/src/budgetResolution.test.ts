import { describe, expect, it } from 'vitest';
import { ASSEMBLY_MATTER_KINDS } from './ownersVote.ts';
import { BUDGET_MATTER_KINDS, budgetResolutionRefusal, yearsNamed, type BudgetMatter } from './budgetResolution.ts';

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
