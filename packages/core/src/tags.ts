/** Tags that mark residents who need attention or who can help; staff filter and count by them. */
export const RESIDENT_TAGS = [
  'elderly_alone', 'elderly', 'disabled', 'low_income', 'party_member', 'volunteer', 'veteran',
  'child', 'floating', 'key_care',
] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

export const RESIDENT_TAG_LABELS: Record<ResidentTag, { 'zh-CN': string; en: string }> = {
  elderly_alone: { 'zh-CN': '独居老人', en: 'Elderly living alone' },
  elderly: { 'zh-CN': '老年人', en: 'Elderly' },
  disabled: { 'zh-CN': '残疾人', en: 'Disabled' },
  low_income: { 'zh-CN': '低保/低收入', en: 'Low income' },
  party_member: { 'zh-CN': '党员', en: 'Party member' },
  volunteer: { 'zh-CN': '志愿者', en: 'Volunteer' },
  veteran: { 'zh-CN': '退役军人', en: 'Veteran' },
  child: { 'zh-CN': '未成年人', en: 'Minor' },
  floating: { 'zh-CN': '流动人口', en: 'Floating population' },
  key_care: { 'zh-CN': '重点关爱', en: 'Needs close care' },
};

/** How a household holds its home. */
export const TENURES = ['owner', 'tenant', 'other'] as const;
export type Tenure = (typeof TENURES)[number];

/**
 * Relations to the head of household, as stored and as written in register files. Exactly one member
 * of a household is the head (户主).
 */
export const RELATIONS = ['户主', '配偶', '子女', '父母', '兄弟姐妹', '孙子女', '祖父母', '其他'] as const;
export type Relation = (typeof RELATIONS)[number];

/** True when `s` is one of the known relations. */
export function isRelation(s: string): s is Relation {
  return (RELATIONS as readonly string[]).includes(s);
}
