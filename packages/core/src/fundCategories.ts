/**
 * Expense categories of the community funds, and the special protection fund's negative list
 * (成都社区保障资金负面清单): no private costs, no costs that have a responsible owner, no
 * government duties. The API refuses those for protection funds; the web greys them out.
 */

/** Why a category is on the negative list. */
export type NegativeReason = 'private_cost' | 'owned_cost' | 'government_duty';

export interface ExpenseCategory {
  code: string;
  'zh-CN': string;
  en: string;
  /** Set when the special protection fund may not pay for it. */
  negative?: NegativeReason;
}

export const EXPENSE_CATEGORIES: readonly ExpenseCategory[] = [
  { code: '活动', 'zh-CN': '社区活动', en: 'Community activities' },
  { code: '助老', 'zh-CN': '敬老助老', en: 'Care for the elderly' },
  { code: '助学', 'zh-CN': '助学帮困', en: 'Education and hardship aid' },
  { code: '环境', 'zh-CN': '环境改善', en: 'Environment' },
  { code: '设施', 'zh-CN': '公共设施', en: 'Public facilities' },
  { code: '服务', 'zh-CN': '为民服务项目', en: 'Service projects' },
  { code: '保洁', 'zh-CN': '保洁', en: 'Cleaning' },
  { code: '秩序', 'zh-CN': '秩序维护', en: 'Security' },
  { code: '绿化', 'zh-CN': '绿化养护', en: 'Greenery' },
  { code: '维修', 'zh-CN': '共用部位维修', en: 'Repairs of common parts' },
  { code: '酬金', 'zh-CN': '物业服务酬金', en: 'Property manager fee' },
  { code: '物业费', 'zh-CN': '物业费等个人费用', en: 'Property fees and other private costs', negative: 'private_cost' },
  { code: '公房维修', 'zh-CN': '公房维修等有责任主体的费用', en: 'Public-housing repair and other costs with a responsible owner', negative: 'owned_cost' },
  { code: '人员补贴', 'zh-CN': '工作人员补贴等政府职责', en: 'Staff allowances and other government duties', negative: 'government_duty' },
];

export const NEGATIVE_REASON_LABELS: Record<NegativeReason, { 'zh-CN': string; en: string }> = {
  private_cost: { 'zh-CN': '个人费用（如物业费）', en: 'a private cost (such as property fees)' },
  owned_cost: { 'zh-CN': '有责任主体的费用（如公房维修）', en: 'a cost with a responsible owner (such as public-housing repair)' },
  government_duty: { 'zh-CN': '政府职责（如工作人员补贴）', en: 'a government duty (such as staff allowances)' },
};

/** Words that put a free-text category on the negative list even when it is not one of ours. */
const NEGATIVE_WORDS: [RegExp, NegativeReason][] = [
  [/物业费|个人|私人/, 'private_cost'],
  [/公房/, 'owned_cost'],
  [/补贴|津贴|工资|人员经费/, 'government_duty'],
];

/** The negative-list reason for a category (code or free text), or null when it may be paid. */
export function negativeListReason(category: string): NegativeReason | null {
  const known = EXPENSE_CATEGORIES.find((c) => c.code === category);
  if (known) return known.negative ?? null;
  for (const [re, reason] of NEGATIVE_WORDS) if (re.test(category)) return reason;
  return null;
}
