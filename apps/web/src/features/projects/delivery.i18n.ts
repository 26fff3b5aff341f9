import type { Messages } from '../../i18n/types.ts';

/** Community projects, steps 5–7: implementation, inspections, acceptance, residents' ratings. */
export const zh = {
  title: '项目实施与验收', progress: '总体进度', implementer: '实施方：{{name}}', none: '暂无',
  milestones: {
    title: '项目节点', set: '设置节点', name: '节点名称', weight: '权重（%）', add: '增加节点', save: '保存节点', sum: '权重合计 {{sum}}%（须为 100%）', done: '完成 {{percent}}%',
  },
  post: { title: '提交进度', milestone: '节点', percent: '该节点完成（%）', note: '进展说明', photo: '现场照片', addPhoto: '添加照片', submit: '提交进度' },
  updates: '进度记录',
  activity: { title: '发布项目活动', name: '活动名称', address: '地点', start: '开始时间', hours: '时长（小时）', capacity: '人数上限', category: '活动类别代码', submit: '发布活动' },
  inspect: { title: '监督检查', note: '检查情况', concern: '发现问题，需要答复', submit: '记录检查', answer: '答复', answerSubmit: '提交答复', open: '待答复', answered: '已答复：{{answer}}' },
  acceptance: {
    title: '验收', open: '发起验收', members: '评审小组成员（默认五人）', memberName: '姓名', capacity: '身份', addMember: '增加成员', panel: '去评分页', outcome: '记录验收结论',
    finding: '评审意见', submit: '提交', score: '得分 {{score}}（合格线 {{mark}}）', state: { open: '评分中', passed: '通过', failed: '未通过，整改中' },
    capacities: { party: '党组织', council: '议事会成员', supervisor: '监委会', rep: '居民代表' },
  },
  close: '结项', closeConfirm: '结束评价并结项？',
  rate: {
    title: '为这个项目打分', stars: '满意度', comment: '说说您的看法（选填）', submit: '提交评价', thanks: '谢谢您的评价：{{stars}} 星', closes: '评价截止 {{at}}',
    average: '居民评价 {{avg}} 分（{{count}} 人）',
  },
};

export const en: Messages<typeof zh> = {
  title: 'Delivery and acceptance', progress: 'Overall progress', implementer: 'Carried out by {{name}}', none: 'None yet',
  milestones: {
    title: 'Milestones', set: 'Set milestones', name: 'Milestone', weight: 'Weight (%)', add: 'Add a milestone', save: 'Save milestones', sum: 'Weights add up to {{sum}}% (must be 100%)', done: '{{percent}}% done',
  },
  post: { title: 'Post progress', milestone: 'Milestone', percent: 'Milestone done (%)', note: 'What was done', photo: 'Photos from the site', addPhoto: 'Add a photo', submit: 'Post progress' },
  updates: 'Progress updates',
  activity: { title: 'Announce a project activity', name: 'Activity', address: 'Where', start: 'Starts at', hours: 'Length (hours)', capacity: 'Places', category: 'Activity category code', submit: 'Announce' },
  inspect: { title: 'Inspections', note: 'What was seen', concern: 'A concern that needs an answer', submit: 'Record inspection', answer: 'Answer', answerSubmit: 'Send the answer', open: 'Awaiting an answer', answered: 'Answered: {{answer}}' },
  acceptance: {
    title: 'Acceptance', open: 'Open an acceptance', members: 'Panel members (five by default)', memberName: 'Name', capacity: 'Capacity', addMember: 'Add a member', panel: 'Go to scoring', outcome: 'Record the outcome',
    finding: 'The panel’s finding', submit: 'Submit', score: 'Score {{score}} (pass mark {{mark}})', state: { open: 'Scoring', passed: 'Passed', failed: 'Failed: being put right' },
    capacities: { party: 'Party organisation', council: 'Council member', supervisor: 'Supervisor', rep: 'Residents’ representative' },
  },
  close: 'Close the project', closeConfirm: 'End the ratings and close the project?',
  rate: {
    title: 'Rate this project', stars: 'How satisfied are you', comment: 'Tell us more (optional)', submit: 'Send my rating', thanks: 'Thank you for your rating: {{stars}} stars', closes: 'Ratings close {{at}}',
    average: 'Residents rate it {{avg}} ({{count}} ratings)',
  },
};
