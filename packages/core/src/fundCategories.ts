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

/**
 * Costs that fall on a person or a household: property fees, a household's utilities or rent. A
 * community room's electricity or a venue's rent for an activity is not one: the household context
 * is required for those.
 */
const PRIVATE = /物业(服务|管理)?费|物管费|(住户|居民家庭|个人|家庭|业主)(家)?的?(水|电|气|燃气|水电|水电气|宽带|电话)费|(代缴|垫付).{0,6}(房屋)?(租金|房租)|property\s*(management\s*|service\s*)?fees?|utility bills? (of|for) (a|the) (resident|household|family)|\brent (of|for) (a|the) (flat|home|house)/i;
/** Costs that have an owner who must pay them (a developer's repairs only while still under warranty). */
const OWNED = /公房|直管公房|产权单位|保修期内|开发商(负责|承担|保修)|public[- ]housing/i;
/** Government duties: pay for the staff of the community and the government, not pay for a service bought. */
const DUTY = /(工作人员|网格员|社区干部|干部|两委|居委会成员|社区专职|staff)的?.{0,6}(补贴|津贴|工资|奖金|加班费|薪酬|\ballowances?\b|\bsalar(y|ies)\b|\bwages?\b|\bbonus(es)?\b)|人员经费/i;

/**
 * Words that put a free-text category on the negative list even when it is not one of ours. A short
 * category label may be broad ("补贴" alone is a staff allowance there); the other texts are read with
 * the stricter patterns only, since "老年助餐补贴" in a reason is a service to residents.
 */
const CATEGORY_WORDS: [RegExp, NegativeReason][] = [
  [new RegExp(`${PRIVATE.source}|个人|私人`, 'i'), 'private_cost'],
  [OWNED, 'owned_cost'],
  [new RegExp(`${DUTY.source}|^(人员)?(补贴|津贴|工资|薪酬)$`, 'i'), 'government_duty'],
];
const TEXT_WORDS: [RegExp, NegativeReason][] = [[PRIVATE, 'private_cost'], [OWNED, 'owned_cost'], [DUTY, 'government_duty']];

/**
 * The negative-list reason for an expense, or null when the protection fund may pay it: its category
 * (one of ours, or free text), then anything else written about it (project, reason, payee), so that
 * a cost cannot pass under another name.
 */
export function negativeListReason(category: string, ...texts: string[]): NegativeReason | null {
  const known = EXPENSE_CATEGORIES.find((c) => c.code === category);
  if (known?.negative) return known.negative;
  if (!known) for (const [re, reason] of CATEGORY_WORDS) if (re.test(category)) return reason;
  const text = texts.join(' ');
  for (const [re, reason] of TEXT_WORDS) if (re.test(text)) return reason;
  return null;
}
