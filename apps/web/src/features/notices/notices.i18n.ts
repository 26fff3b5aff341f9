import type { Messages } from '../../i18n/types.ts';

/** The public notice board (公示) of every kind of subject. */
export const zh = {
  title: '公示栏',
  subtitle: '社区议事决议、项目清单、中标结果等在此公示。公示期内，本区域居民可提出异议，每条异议都会得到书面答复。',
  all: '全部', community: '社区', allCommunities: '全部社区',
  state: { open: '公示中', closed: '公示结束', withdrawn: '已撤回' },
  kind: { council_resolution: '议事会决议', tender_award: '中标结果', project_list: '项目清单', other: '公示' },
  window: '公示期 {{days}} 个工作日，至 <d>{{end}}</d>',
  objections: '异议 {{count}} 条（待答复 {{open}} 条）',
  empty: '暂无公示',
  body: '公示内容', publishedAt: '发布时间', closedAt: '公示结束', withdrawnAt: '撤回时间',
  object: '提出异议', objectionText: '异议内容', objectSubmit: '提交异议', objected: '异议已提交，工作人员将书面答复',
  mine: '我的', unanswered: '待答复', upheld: '异议成立', dismissed: '异议不成立', answer: '答复', reason: '答复理由（将公开）', answerSubmit: '提交答复',
  signIn: '本区域居民登录后可提出异议',
};

export const en: Messages<typeof zh> = {
  title: 'Public notice board',
  subtitle: 'Council resolutions, project lists, bid awards and more are posted here. While a notice runs, residents of its area may object, and every objection receives a written answer.',
  all: 'All', community: 'Community', allCommunities: 'All communities',
  state: { open: 'On notice', closed: 'Notice ended', withdrawn: 'Withdrawn' },
  kind: { council_resolution: 'Council resolution', tender_award: 'Bid award', project_list: 'Project list', other: 'Notice' },
  window: '{{days}} working days, until <d>{{end}}</d>',
  objections: '{{count}} objections ({{open}} awaiting an answer)',
  empty: 'No notices',
  body: 'Notice', publishedAt: 'Published', closedAt: 'Ended', withdrawnAt: 'Withdrawn',
  object: 'Object', objectionText: 'Your objection', objectSubmit: 'Submit objection', objected: 'Objection submitted; staff will answer in writing',
  mine: 'Mine', unanswered: 'Awaiting answer', upheld: 'Upheld', dismissed: 'Dismissed', answer: 'Answer', reason: 'Reason (made public)', answerSubmit: 'Submit answer',
  signIn: 'Residents of the area may sign in to object',
};
