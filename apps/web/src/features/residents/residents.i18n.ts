import type { Messages } from '../../i18n/types.ts';

/** Residents search strings. */
export const zh = {
  title: '居民',
  region: '区域',
  q: '姓名、身份证号或手机号',
  tag: '标签',
  anyTag: '全部标签',
  hint: '完整的身份证号或手机号可精确查找；列表中的号码均已脱敏。',
} as const;

export const en: Messages<typeof zh> = {
  title: 'Residents',
  region: 'Region',
  q: 'Name, ID number or mobile',
  tag: 'Tag',
  anyTag: 'All tags',
  hint: 'A full ID number or mobile number finds the exact person; numbers in the list are masked.',
};
