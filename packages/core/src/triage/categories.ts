/**
 * The default service catalogue for residents' requests: each category has its matter class
 * (三事分流), the department that resolves it (big matters only), and its time limits.
 *
 * A district configures its own catalogue; this one is the starting point and the label set of the
 * shipped triage corpus.
 */

/** The three classes of three-way sorting (三事分流): 大事, 小事, 私事. */
export const MATTERS = ['big', 'small', 'private'] as const;
export type Matter = (typeof MATTERS)[number];

export const MATTER_LABELS: Record<Matter, { 'zh-CN': string; en: string }> = {
  big: { 'zh-CN': '大事', en: 'Big matter' },
  small: { 'zh-CN': '小事', en: 'Small matter' },
  private: { 'zh-CN': '私事', en: 'Private matter' },
};

/** How urgent a kind of request is, which sets its default time limits (Beijing 12345 norms). */
export type SlaClass = 'emergency' | 'utility' | 'general' | 'complex';

/** Hours in the default working day (09:00–18:00), used to turn working days into working hours. */
export const WORKDAY_HOURS = 9;

/**
 * Default time limits by urgency. Requests are accepted within 2 h. Emergencies are fed back within
 * 2 h and water, power, gas and heating within 24 h, both round the clock. General matters are
 * resolved within 7 days and complex ones within 15, counted in working days (工作日): since the
 * limits are stored in hours and a working-time deadline counts only working hours, 7 working days
 * are 7 × 9 = 63 working hours, not 168 (which would stretch to almost four weeks).
 */
export const SLA_DEFAULTS: Record<SlaClass, { respondHours: number; resolveHours: number; workingTime: boolean }> = {
  emergency: { respondHours: 2, resolveHours: 2, workingTime: false },
  utility: { respondHours: 2, resolveHours: 24, workingTime: false },
  general: { respondHours: 2, resolveHours: 7 * WORKDAY_HOURS, workingTime: true },
  complex: { respondHours: 2, resolveHours: 15 * WORKDAY_HOURS, workingTime: true },
};

/** A department that resolves big matters. */
export interface Department {
  code: string;
  name: string;
}

/** One entry of the service catalogue. */
export interface Category {
  code: string;
  name: { 'zh-CN': string; en: string };
  matter: Matter;
  /** The responsible department; only big matters have one (small ones stay with the community). */
  department?: Department;
  sla: SlaClass;
  /** Hours to accept/respond. */
  respondHours: number;
  /** Hours to resolve (feed back a result). */
  resolveHours: number;
  /** Count the hours in working time (工作日) rather than round the clock. */
  workingTime: boolean;
}

/** The departments of the default catalogue. */
export const DEPARTMENTS = {
  chengguan: { code: 'chengguan', name: '城管' },
  zhujian: { code: 'zhujian', name: '住建' },
  shizheng: { code: 'shizheng', name: '市政' },
  huanwei: { code: 'huanwei', name: '环卫' },
  gongan: { code: 'gongan', name: '公安' },
  jiaoguan: { code: 'jiaoguan', name: '公安交管' },
  minzheng: { code: 'minzheng', name: '民政' },
  weijian: { code: 'weijian', name: '卫健' },
  shichang: { code: 'shichang', name: '市场监管' },
  utilities: { code: 'utilities', name: '水电气' },
  huanjing: { code: 'huanjing', name: '生态环境' },
  renshe: { code: 'renshe', name: '人社' },
  jiaoyu: { code: 'jiaoyu', name: '教育' },
} as const satisfies Record<string, Department>;

type Row = [code: string, zh: string, en: string, matter: Matter, department: Department | undefined, sla: SlaClass];

const D = DEPARTMENTS;
const ROWS: Row[] = [
  // 大事: government management and basic public services
  ['illegal_construction', '违法建设', 'Illegal construction', 'big', D.chengguan, 'complex'],
  ['street_order', '占道经营与市容', 'Street vending, outdoor ads and city appearance', 'big', D.chengguan, 'general'],
  ['construction_nuisance', '施工扰民', 'Construction noise and dust', 'big', D.zhujian, 'general'],
  ['housing', '房屋安全与老旧小区改造', 'Building safety and old-compound renovation', 'big', D.zhujian, 'complex'],
  ['municipal', '道路井盖路灯', 'Roads, manhole covers and street lights', 'big', D.shizheng, 'general'],
  ['drainage', '排水与积水', 'Drainage and waterlogging', 'big', D.shizheng, 'general'],
  ['sanitation', '街面环卫与公厕', 'Street cleaning, public bins and toilets', 'big', D.huanwei, 'general'],
  // Police matters are the platform's emergencies; a crime in progress still belongs on 110.
  ['public_security', '治安与诈骗', 'Public security and fraud', 'big', D.gongan, 'emergency'],
  ['traffic', '交通秩序', 'Traffic order and road parking', 'big', D.jiaoguan, 'general'],
  ['civil_affairs', '社会救助与养老助残', 'Social assistance, elderly and disability support', 'big', D.minzheng, 'general'],
  ['health', '卫生健康', 'Public health and medical services', 'big', D.weijian, 'general'],
  // Food safety in shops and restaurants sits with market regulation since the 2018 reform.
  ['market', '市场监管与食品安全', 'Market regulation, food safety and consumer rights', 'big', D.shichang, 'general'],
  ['utilities', '水电气暖', 'Water, power, gas and heating', 'big', D.utilities, 'utility'],
  ['environment', '环境污染', 'Pollution: fumes, emissions, commercial noise', 'big', D.huanjing, 'general'],
  ['labour', '劳动保障与社保', 'Wages, jobs and social insurance', 'big', D.renshe, 'complex'],
  ['education', '教育入学', 'Schools and admissions', 'big', D.jiaoyu, 'general'],
  // 小事: public affairs of the community or compound, for self-governance
  ['corridor', '楼道堆物与飞线充电', 'Corridor clutter and unsafe charging', 'small', undefined, 'general'],
  ['compound_parking', '小区停车', 'Parking in the compound', 'small', undefined, 'general'],
  ['pets', '文明养宠', 'Pets and dog waste', 'small', undefined, 'general'],
  ['neighbours', '邻里噪音与纠纷', 'Neighbour noise, leaks and disputes', 'small', undefined, 'general'],
  ['greening', '小区绿化', 'Compound greening', 'small', undefined, 'general'],
  // Installing a lift in an old building takes owners' consent and months of work.
  ['elevator', '电梯与加装电梯', 'Lifts and lift installation', 'small', undefined, 'complex'],
  ['compound_garbage', '小区垃圾分类', 'Compound garbage points and sorting', 'small', undefined, 'general'],
  ['property', '物业服务与业委会', 'Property management and owners’ committee', 'small', undefined, 'general'],
  ['common_repairs', '公共部位维修', 'Repairs to shared parts of the building', 'small', undefined, 'general'],
  ['community_life', '社区活动与公共空间', 'Community activities, shared spaces and services', 'small', undefined, 'general'],
  // 私事: the resident's own affair, for self-help or the market
  ['home_repair', '自家维修', 'Repairs in one’s own home', 'private', undefined, 'general'],
  ['household_services', '家政搬家', 'Housekeeping, care workers and moving', 'private', undefined, 'general'],
  ['family', '家庭事务', 'Family matters', 'private', undefined, 'general'],
  ['finance_legal', '个人财务与法律', 'Personal loans, renting and legal advice', 'private', undefined, 'general'],
  ['life_services', '生活服务', 'Broadband, tutors, pet grooming and shopping', 'private', undefined, 'general'],
];

/** The default catalogue, 31 categories. */
export const CATEGORIES: readonly Category[] = ROWS.map(([code, zh, en, matter, department, sla]) => ({
  code,
  name: { 'zh-CN': zh, en },
  matter,
  ...(department ? { department } : {}),
  sla,
  ...SLA_DEFAULTS[sla],
}));

const BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));

/** The catalogue entry for a code, or undefined. */
export function categoryByCode(code: string): Category | undefined {
  return BY_CODE.get(code);
}
