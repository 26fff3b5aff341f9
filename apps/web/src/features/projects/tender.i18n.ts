import type { Messages } from '../../i18n/types.ts';

/** Step 4 of community projects (项目招投标): the staff's tender card, open calls and the bid form. */
export const zh = {
  card: '项目招投标', none: '尚未发布招标', open: '发布招标', reopen: '重新招标', residents: '改为居民实施', residentsConfirm: '确定由居民自行实施？',
  days: '投标期（天，至少 {{min}} 天）', criteria: '评分标准', criterion: '标准', weight: '权重', addCriterion: '添加标准', weightsHint: '权重合计须为 100',
  window: '投标时间：{{from}} 至 {{to}}', windowOpen: '投标进行中', windowOver: '投标已截止', bids: '投标（{{n}} 份）', bidsHidden: '投标截止后可查看投标内容',
  state: { open: '进行中', awarded: '已定标', void: '已作废' },
  panel: '组建评审小组', panelLink: '评审小组评分', members: '评审成员（每行：姓名 身份，如“张三 居民代表”）', memberOrgs: '回避：评审成员不得来自投标组织',
  award: '定标', fund: '付款资金', finding: '必要性和可行性论证（仅一家投标时必填）', awarded: '中标单位：{{org}}，中标金额 {{amount}}', notice: '查看中标公示',
  score: '得分', rank: '名次', total: '报价', plan: '实施方案', team: '团队', lines: '预算明细',
  calls: '招标公告', callsEmpty: '暂无进行中的招标', closes: '截止', bidNow: '投标', youBid: '已投标',
  bidTitle: '投标：{{title}}', cost: '项目预算', item: '支出项目', amount: '金额（元）', addLine: '添加明细', member: '姓名', role: '分工', addMember: '添加成员',
  totalYuan: '投标总价（元）', submit: '提交投标', submitted: '投标已提交', onlyOnce: '每个组织只能投标一次，提交后不能修改',
};

export const en: Messages<typeof zh> = {
  card: 'Tender', none: 'No call for bids yet', open: 'Open a call for bids', reopen: 'Open a new call', residents: 'Have residents do it', residentsConfirm: 'Have the residents carry it out themselves?',
  days: 'Days bids are taken (at least {{min}})', criteria: 'Criteria', criterion: 'Criterion', weight: 'Weight', addCriterion: 'Add a criterion', weightsHint: 'Weights add up to 100',
  window: 'Bids from {{from}} to {{to}}', windowOpen: 'Taking bids', windowOver: 'Bidding closed', bids: 'Bids ({{n}})', bidsHidden: 'Bids can be read once bidding has closed',
  state: { open: 'Open', awarded: 'Awarded', void: 'Void' },
  panel: 'Set up the review panel', panelLink: 'Panel scoring', members: 'Panel members (one a line: name and capacity, e.g. "Zhang San 居民代表")', memberOrgs: 'No member may come from a bidding organisation',
  award: 'Award', fund: 'Paying fund', finding: 'Necessity-and-feasibility finding (required with a single bid)', awarded: 'Awarded to {{org}} for {{amount}}', notice: 'See the award notice',
  score: 'Score', rank: 'Rank', total: 'Price', plan: 'Plan', team: 'Team', lines: 'Budget lines',
  calls: 'Calls for bids', callsEmpty: 'No calls taking bids', closes: 'Closes', bidNow: 'Bid', youBid: 'Bid sent',
  bidTitle: 'Bid: {{title}}', cost: 'Project budget', item: 'Item', amount: 'Amount (¥)', addLine: 'Add a line', member: 'Name', role: 'Role', addMember: 'Add a member',
  totalYuan: 'Bid total (¥)', submit: 'Send the bid', submitted: 'Bid sent', onlyOnce: 'One bid per organisation; it cannot be changed once sent',
};
