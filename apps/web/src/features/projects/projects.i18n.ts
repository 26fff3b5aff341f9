import type { Messages } from '../../i18n/types.ts';

/** Community projects (社区项目): proposals, co-signing, the draft list, the residents' vote, the public page. */
export const zh = {
  tile: '社区项目', tileHint: '提出项目、联署、投票',
  title: '社区项目', rounds: '项目轮次', propose: '提出项目', fromRequest: '把这个问题提成项目', empty: '暂无项目', public: '社区项目公开',
  col: { title: '项目', class: '类别', area: '重点领域', cost: '预算', status: '状态', community: '社区', proposer: '提出人', cosigns: '联署', votes: '票数', year: '年度', budget: '预算总额', rule: '计票规则', ballots: '已投票' },
  class: { hardware: '硬件建设维护', service: '专业委托', residents: '居民实施' },
  status: {
    proposed: '征集中', listed: '已列入清单', left_out: '未列入', selected: '投票入选', not_selected: '未入选', resolved: '议事会已决议', published: '已公示',
    tendering: '招标中', awarded: '中标公示中', in_progress: '实施中', accepting: '验收中', rectifying: '整改中', accepted: '已验收', closed: '已结项',
  },
  roundStatus: { draft: '草拟清单', at_council: '提交议事会', voting: '居民投票中', counted: '已计票', resolved: '已决议', published: '已公示' },
  rule: { greedy: '按票数排序、在预算内依次入选', equal_shares: '均等份额法' },
  form: {
    community: '社区', title: '项目名称', summary: '做什么', reason: '为什么要做', class: '类别', area: '重点领域', costYuan: '预算（元）',
    beneficiaries: '受益人群', requests: '关联的诉求', capHint: '上限：硬件 {{hardware}} 元，专业委托 {{service}} 元，居民实施 {{residents}} 元', submit: '提交',
  },
  detail: {
    what: '做什么', why: '为什么', beneficiaries: '受益人群', requests: '回应的诉求', hearing: '听证会', hearingDone: '{{date}} 召开，居民代表 {{reps}} 人，受影响居民 {{affected}} 人',
    noHearing: '硬件类项目须先召开听证会', cosign: '联署支持', signed: '已联署', comments: '居民意见', comment: '发表意见', send: '发送', leftOut: '未列入原因',
    recordHearing: '记录听证会', heldOn: '日期', reps: '居民代表（每行一个居民编号）', affected: '受影响居民（每行一个居民编号）', notes: '听证意见',
  },
  round: {
    create: '新建项目轮次', year: '年度', budgetYuan: '预算总额（元）', rule: '计票规则', sort: '整理草案清单', include: '列入', reason: '未列入原因', saveSort: '保存清单',
    send: '提交议事会', council: '选择议事会', openVote: '发起居民投票', closeVote: '结束投票并计票', vote: '投票', voted: '您已投票', choose: '可多选，勾选您支持的项目',
    resolve: '记录议事会决议', resolution: '决议编号', spent: '入选合计 {{spent}} 元，剩余 {{left}} 元', selected: '入选', leftOutTitle: '未列入的提议',
  },
  trail: {
    title: '由此提出的社区项目', none: '', steps: '项目进展全过程', money: '中标 {{awarded}}，已支付 {{paid}}', implementer: '实施方：{{name}}', progress: '进度',
    score: '验收得分 {{score}}', rating: '居民评价 {{avg}} 分（{{count}} 人）', notice: '查看公示', ledger: '查看账目', council: '议事会决议', activity: '查看活动', open: '项目详情',
  },
  event: {
    proposed: '居民提出项目', listed: '党组织列入项目清单', left_out: '未列入清单', selected: '居民投票入选', resolved: '议事会表决通过', published: '决议公示期满，项目清单发布',
    call_opened: '发布招标公告', bid_received: '收到投标', awarded: '评审确定中标单位，中标结果公示', award_effective: '中标公示期满，签订合同', residents_implement: '确定由居民自行实施',
    reserved: '资金已预留', progress: '实施进展', activity: '项目活动', inspection: '监委会检查', concern_answered: '监督意见已答复', acceptance_passed: '验收通过',
    acceptance_failed: '验收未通过，整改', instalment_requested: '申请拨付', paid: '资金已拨付', rating_opened: '请居民评价', rated: '居民评价', released: '结余资金释放', closed: '项目结项',
  },
  more: '加载更多',
};

export const en: Messages<typeof zh> = {
  tile: 'Community projects', tileHint: 'Propose, co-sign, vote',
  title: 'Community projects', rounds: 'Project rounds', propose: 'Propose a project', fromRequest: 'Turn this problem into a project', empty: 'No projects yet', public: 'Community projects (public)',
  col: { title: 'Project', class: 'Class', area: 'Priority area', cost: 'Estimate', status: 'Status', community: 'Community', proposer: 'Proposed by', cosigns: 'Co-signed', votes: 'Votes', year: 'Year', budget: 'Budget', rule: 'Counting rule', ballots: 'Ballots' },
  class: { hardware: 'Works and upkeep', service: 'Commissioned service', residents: 'Done by residents' },
  status: {
    proposed: 'Collecting', listed: 'On the list', left_out: 'Left out', selected: 'Selected by vote', not_selected: 'Not selected', resolved: 'Resolved by the council', published: 'Published',
    tendering: 'Open for bids', awarded: 'Award on notice', in_progress: 'Under way', accepting: 'Being accepted', rectifying: 'Being put right', accepted: 'Accepted', closed: 'Closed',
  },
  roundStatus: { draft: 'Draft list', at_council: 'At the council', voting: 'Residents voting', counted: 'Counted', resolved: 'Resolved', published: 'Published' },
  rule: { greedy: 'By votes, taking each that fits the budget', equal_shares: 'Method of equal shares' },
  form: {
    community: 'Community', title: 'Title', summary: 'What', reason: 'Why', class: 'Class', area: 'Priority area', costYuan: 'Estimate (yuan)',
    beneficiaries: 'Who benefits', requests: 'Linked requests', capHint: 'Caps: works ¥{{hardware}}, services ¥{{service}}, residents’ own ¥{{residents}}', submit: 'Submit',
  },
  detail: {
    what: 'What', why: 'Why', beneficiaries: 'Who benefits', requests: 'Requests it answers', hearing: 'Hearing', hearingDone: 'Held {{date}}: {{reps}} representatives, {{affected}} affected residents',
    noHearing: 'A works project needs a hearing first', cosign: 'Co-sign', signed: 'Co-signed', comments: 'Residents’ comments', comment: 'Comment', send: 'Send', leftOut: 'Why it was left out',
    recordHearing: 'Record the hearing', heldOn: 'Date', reps: 'Representatives (one resident id a line)', affected: 'Affected residents (one resident id a line)', notes: 'What was said',
  },
  round: {
    create: 'New round', year: 'Year', budgetYuan: 'Budget (yuan)', rule: 'Counting rule', sort: 'Sort the draft list', include: 'On the list', reason: 'Why left out', saveSort: 'Save the list',
    send: 'Send to the council', council: 'Choose the council', openVote: 'Open the residents’ vote', closeVote: 'Close and count', vote: 'Vote', voted: 'You have voted', choose: 'Tick every project you support',
    resolve: 'Record the council’s resolution', resolution: 'Resolution id', spent: 'Selected ¥{{spent}}, ¥{{left}} left', selected: 'Selected', leftOutTitle: 'Proposals left out',
  },
  trail: {
    title: 'Projects raised from this request', none: '', steps: 'Every step of the project', money: 'Awarded {{awarded}}, paid {{paid}}', implementer: 'Carried out by {{name}}', progress: 'Progress',
    score: 'Acceptance score {{score}}', rating: 'Residents rate it {{avg}} ({{count}} ratings)', notice: 'See the notice', ledger: 'See the ledger', council: 'Council resolution', activity: 'See the activity', open: 'Project page',
  },
  event: {
    proposed: 'A resident proposed it', listed: 'The party organisation listed it', left_out: 'Left off the list', selected: 'Selected by residents’ vote', resolved: 'Resolved by the council', published: 'Notice period over: the list is published',
    call_opened: 'Call for bids published', bid_received: 'A bid arrived', awarded: 'The panel chose the winner; the award is on notice', award_effective: 'Award notice over: contract signed', residents_implement: 'Residents will do it themselves',
    reserved: 'Money reserved', progress: 'Progress', activity: 'Project activity', inspection: 'Supervisors’ inspection', concern_answered: 'A concern was answered', acceptance_passed: 'Accepted',
    acceptance_failed: 'Not accepted: to be put right', instalment_requested: 'Payment requested', paid: 'Money paid', rating_opened: 'Residents are asked to rate it', rated: 'A resident rated it', released: 'Unspent money released', closed: 'Project closed',
  },
  more: 'More',
};
