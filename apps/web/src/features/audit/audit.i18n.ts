import type { Messages } from '../../i18n/types.ts';

/** Audit log strings. */
export const zh = {
  title: '审计日志',
  hint: '时间均为北京时间（Asia/Shanghai）。摘要为变更前后内容的哈希，用于核对记录未被篡改。',
  action: '操作',
  actionPlaceholder: '操作（前缀匹配，如 resident.）',
  subjectType: '对象类型',
  subjectTypePlaceholder: '对象类型，如 resident',
  subjectId: '对象 ID',
  dates: '日期范围',
  actor: '操作人',
  actorFilter: '仅看此人',
  clearActor: '操作人：{{name}}',
  time: '时间',
  subject: '对象',
  before: '变更前摘要',
  after: '变更后摘要',
  ip: 'IP',
  details: '详情',
  system: '系统',
} as const;

export const en: Messages<typeof zh> = {
  title: 'Audit log',
  hint: 'Times are China Standard Time (Asia/Shanghai). Digests are hashes of the record before and after a change, to check it was not altered.',
  action: 'Action',
  actionPlaceholder: 'Action (prefix, e.g. resident.)',
  subjectType: 'Subject type',
  subjectTypePlaceholder: 'Subject type, e.g. resident',
  subjectId: 'Subject ID',
  dates: 'Dates',
  actor: 'Actor',
  actorFilter: 'Only this person',
  clearActor: 'Actor: {{name}}',
  time: 'Time',
  subject: 'Subject',
  before: 'Before digest',
  after: 'After digest',
  ip: 'IP',
  details: 'Details',
  system: 'System',
};
