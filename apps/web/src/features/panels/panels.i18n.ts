import type { Messages } from '../../i18n/types.ts';

/** Scoring panels (评审小组): bids, acceptances, evaluations. */
export const zh = {
  title: '评审小组', list: '评审', empty: '暂无评审',
  state: { open: '评审中', closed: '已结束' },
  members: '评审成员', criteria: '评分项与权重', candidates: '评审对象',
  col: { name: '姓名', capacity: '身份', progress: '评分进度', candidate: '评审对象', totals: '各成员加权得分', score: '最终得分', rank: '名次', criterion: '评分项', weight: '权重' },
  absent: '缺席', absence: '登记缺席', absenceReason: '缺席原因', conflict: '回避',
  progress: '已评 {{done}}/{{total}}',
  score: {
    title: '录入评分', member: '评审成员', candidate: '评审对象', submit: '提交评分', done: '评分已提交',
    hint: '每项 0–100 分，最多一位小数；每位成员对每个对象只能评一次，不能评与本人有关联的组织。',
  },
  results: '评审结果', resultsRule: '五人及以上评分时去掉一个最高分和一个最低分后取平均；三至四人时取全部平均。',
  hiddenResults: '评审结束后公布结果。', dropped: '已去掉最高、最低分',
  close: '结束评审', closed: '评审已结束',
};

export const en: Messages<typeof zh> = {
  title: 'Scoring panel', list: 'Panels', empty: 'No panels',
  state: { open: 'Scoring', closed: 'Closed' },
  members: 'Members', criteria: 'Criteria and weights', candidates: 'Candidates',
  col: { name: 'Name', capacity: 'Capacity', progress: 'Progress', candidate: 'Candidate', totals: 'Members’ weighted totals', score: 'Score', rank: 'Rank', criterion: 'Criterion', weight: 'Weight' },
  absent: 'Absent', absence: 'Record absence', absenceReason: 'Reason for absence', conflict: 'Recused',
  progress: '{{done}}/{{total}} scored',
  score: {
    title: 'Enter scores', member: 'Member', candidate: 'Candidate', submit: 'Submit scores', done: 'Scores submitted',
    hint: 'Each criterion 0–100, at most one decimal; each member scores each candidate once, never an organisation they are linked to.',
  },
  results: 'Results', resultsRule: 'With five or more scores the highest and the lowest are dropped and the rest averaged; with three or four, all are averaged.',
  hiddenResults: 'Results are shown when the panel closes.', dropped: 'highest and lowest dropped',
  close: 'Close the panel', closed: 'Panel closed',
};
