import type { Messages } from '../../i18n/types.ts';

/** Community money: funds, the ledger, trust-based property, public disclosure. */
export const zh = {
  nav: '社区基金',
  list: { title: '社区基金公开', intro: '每一笔收入和支出都向社会公开：用途、经办人、审批人和票据。', balance: '余额', inflow: '累计收入', outflow: '累计支出', open: '查看明细', console: '基金管理' },
  kind: { charity: '慈善基金', development: '发展基金', protection: '保障资金', common: '共有资金（信托制物业）' },
  account: {
    bank: '银行存款', donations: '捐赠收入', allocations: '财政拨款', levies: '营业额提留',
    enterpriseProfits: '社会企业利润', propertyFees: '物业费', commonRevenue: '公共收益', expenses: '支出',
  },
  ledgerKind: {
    donation: '捐赠', levy: '营业额提留', enterprise_profit: '社会企业利润', allocation: '政府拨款', property_fee: '物业费',
    common_revenue: '公共收益', expense: '支出', dividend: '业主分红', reversal: '冲销',
  },
  fund: {
    balance: '当前余额', months: '按月收支', month: '月份', inflow: '收入', outflow: '支出', count: '笔数', accounts: '科目余额',
    account: '科目', entries: '收支明细', more: '加载更多', journal: '下载 hledger 账本', statement: '下载月度报表 (.xlsx)', projects: '按项目',
    allMonths: '全部月份', anonymous: '匿名', preparedBy: '经办', approvedBy: '审批', attachments: '票据', noAttachments: '无附件',
    reversed: '已冲销', reverses: '冲销记录', receipt: '收据', postings: '分录', questions: '居民提问', ask: '提问', askPlaceholder: '对这笔账有疑问？请写下来，工作人员会公开答复。',
    signInToAsk: '登录后可以对每一笔账提问', showName: '公开显示我的名字（默认显示为“居民”）', originalOn: '原始日期', lateEntry: '补记：原始日期 {{day}}（所属月份已结账）', answer: '答复', answerPlaceholder: '公开答复', unanswered: '待答复', publicLink: '公开页面',
  },
  ops: {
    title: '记账', donation: '登记捐赠', turnover: '营业额提留', income: '登记收入', expense: '申请支出', dividend: '按面积分红', budget: '年度预算',
    amount: '金额（元）', donor: '捐赠人', anonymous: '匿名捐赠', purpose: '用途说明', project: '项目', operator: '经营户', month: '月份（YYYY-MM）',
    turnoverAmount: '当月营业额（元）', levyHint: '按 3% 提留，四舍五入到分，计入发展基金。', incomeKind: '收入类型', source: '来源', category: '类别',
    payee: '收款方', reason: '支出理由', receipt: '发票或收据', upload: '上传票据', needsApproval: '支出须由另一人审批后才会入账。',
    negative: '保障资金负面清单：不得用于个人费用（如物业费）、有责任主体的费用（如公房维修）、政府职责（如工作人员补贴）。',
    submit: '提交', saved: '已入账', submitted: '已提交，等待审批', pending: '待审批支出', approve: '批准', refuse: '退回', reverse: '冲销',
    reverseReason: '冲销原因', dividendHint: '按《民法典》第二百八十三条，按登记的专有部分面积分配，精确到分。', year: '年度',
    resolutionMatter: '平台上表决通过的业主大会事项', resolutionMatterHint: '选定后自动带出决议编号和通过日期；线下召开的业主大会请填写下面的编号和内容。', resolutionLink: '查看表决结果',
    resolutionRef: '业主大会决议编号', resolutionText: '决议内容', lines: '预算项目', addLine: '添加项目', label: '项目名称', budgetVsActual: '预算执行',
    budgetAmount: '预算', actual: '实际', rate: '执行率', statementLines: '分红明细', printReceipt: '打印收据',
    kindOfPending: { expense: '支出', dividend: '分红', reversal: '冲销' }, pendingTitle: '待审批（支出、分红、冲销）',
    approveConfirm: '确认批准这笔{{kind}} {{amount}}？批准后立即入账，不能撤回，只能冲销。', refuseConfirm: '确认退回这笔{{kind}}申请？',
    reverseSubmitted: '冲销申请已提交，须由另一人审批后入账', dividendSubmitted: '分红申请已提交，须由另一人审批后按面积分配入账',
    close: {
      title: '月度结账', intro: '结账须两人完成：一人提出，另一人确认。已结账的月份永远不再改变；之后补记的账目记入当前月份，并显示原始日期。',
      closedThrough: '已结账至', none: '尚未结账', earliest: '现在可记账的最早日期', month: '结账月份', propose: '提出结账',
      proposeConfirm: '确认提出结账 {{month}}？该月及以前所有月份将在另一人确认后关闭。', pending: '待确认：{{month}}（{{who}} 提出）',
      confirm: '确认结账', confirmConfirm: '确认关闭 {{month}} 及以前所有月份？关闭后这些月份的账目永远不再改变。', withdraw: '撤回',
      withdrawConfirm: '撤回 {{month}} 的结账申请？', proposedBy: '提出', confirmedBy: '确认', state: { proposed: '待确认', closed: '已结账', withdrawn: '已撤回' },
    },
  },
  receipt: { title: '捐赠收据', number: '收据编号', donor: '捐赠人', amount: '金额', purpose: '用途', date: '日期', fund: '受赠基金', thanks: '感谢您对社区公益事业的支持！', dividendTitle: '业主分红明细' },
};

export const en: Messages<typeof zh> = {
  nav: 'Community funds',
  list: { title: 'Community funds — public ledger', intro: 'Every income and expense is public: purpose, preparer, approver and receipts.', balance: 'Balance', inflow: 'Total in', outflow: 'Total out', open: 'Details', console: 'Manage funds' },
  kind: { charity: 'Charity fund', development: 'Development fund', protection: 'Special protection fund', common: 'Common fund (trust-based property)' },
  account: {
    bank: 'Bank', donations: 'Donations', allocations: 'Allocations', levies: 'Turnover levies',
    enterpriseProfits: 'Enterprise profits', propertyFees: 'Property fees', commonRevenue: 'Common revenue', expenses: 'Expenses',
  },
  ledgerKind: {
    donation: 'Donation', levy: 'Turnover levy', enterprise_profit: 'Enterprise profit', allocation: 'Government allocation', property_fee: 'Property fees',
    common_revenue: 'Common revenue', expense: 'Expense', dividend: 'Owners’ dividend', reversal: 'Reversal',
  },
  fund: {
    balance: 'Balance', months: 'By month', month: 'Month', inflow: 'In', outflow: 'Out', count: 'Entries', accounts: 'Account balances',
    account: 'Account', entries: 'Entries', more: 'Load more', journal: 'Download hledger journal', statement: 'Monthly statement (.xlsx)', projects: 'By project',
    allMonths: 'All months', anonymous: 'Anonymous', preparedBy: 'Prepared by', approvedBy: 'Approved by', attachments: 'Receipts', noAttachments: 'No attachments',
    reversed: 'Reversed', reverses: 'Reversal of', receipt: 'Receipt', postings: 'Postings', questions: 'Residents’ questions', ask: 'Ask', askPlaceholder: 'A question about this entry? Staff answer in public.',
    signInToAsk: 'Sign in to ask about any entry', showName: 'Show my name publicly (otherwise shown as “居民”, a resident)', originalOn: 'Own date', lateEntry: 'Late entry: dated {{day}} (its month is closed)', answer: 'Answer', answerPlaceholder: 'Public answer', unanswered: 'Awaiting answer', publicLink: 'Public page',
  },
  ops: {
    title: 'Bookkeeping', donation: 'Donation', turnover: 'Turnover levy', income: 'Income', expense: 'Request an expense', dividend: 'Dividend by area', budget: 'Annual budget',
    amount: 'Amount (yuan)', donor: 'Donor', anonymous: 'Anonymous donation', purpose: 'Purpose', project: 'Project', operator: 'Operator', month: 'Month (YYYY-MM)',
    turnoverAmount: 'Turnover of the month (yuan)', levyHint: '3%, rounded half up to the fen, goes to the development fund.', incomeKind: 'Kind of income', source: 'Source', category: 'Category',
    payee: 'Payee', reason: 'Reason', receipt: 'Receipt or invoice', upload: 'Upload receipt', needsApproval: 'An expense is paid only after a second person approves it.',
    negative: 'Negative list of the protection fund: no private costs (property fees), no costs with a responsible owner (public-housing repair), no government duties (staff allowances).',
    submit: 'Submit', saved: 'Posted', submitted: 'Submitted for approval', pending: 'Expenses awaiting approval', approve: 'Approve', refuse: 'Refuse', reverse: 'Reverse',
    reverseReason: 'Reason for the reversal', dividendHint: 'Civil Code art. 283: divided by registered exclusive floor area, to the fen.', year: 'Year',
    resolutionMatter: 'Passed matter of an assembly held here', resolutionMatterHint: 'Fills in the reference and date; for an assembly held off the platform, type its reference and text below.', resolutionLink: 'See the vote',
    resolutionRef: 'Assembly resolution no.', resolutionText: 'Resolution text', lines: 'Budget lines', addLine: 'Add line', label: 'Line', budgetVsActual: 'Budget against actual',
    budgetAmount: 'Budget', actual: 'Actual', rate: 'Spent', statementLines: 'Dividend statement', printReceipt: 'Print receipt',
    kindOfPending: { expense: 'Expense', dividend: 'Dividend', reversal: 'Reversal' }, pendingTitle: 'Awaiting approval (expenses, dividends, reversals)',
    approveConfirm: 'Approve this {{kind}} of {{amount}}? It is posted at once and cannot be withdrawn, only reversed.', refuseConfirm: 'Refuse this {{kind}}?',
    reverseSubmitted: 'Reversal submitted; a second person must approve it', dividendSubmitted: 'Dividend submitted; a second person must approve it before it is divided and posted',
    close: {
      title: 'Month close', intro: 'Two people close a month: one proposes, another confirms. A closed month never changes; a late entry goes into the current month with its own date shown.',
      closedThrough: 'Closed through', none: 'Nothing closed yet', earliest: 'Earliest date an entry may carry now', month: 'Month to close', propose: 'Propose close',
      proposeConfirm: 'Propose closing {{month}}? It and every earlier month close once another person confirms.', pending: 'Awaiting confirmation: {{month}} (proposed by {{who}})',
      confirm: 'Confirm close', confirmConfirm: 'Close {{month}} and every earlier month? Their entries never change again.', withdraw: 'Withdraw',
      withdrawConfirm: 'Withdraw the close of {{month}}?', proposedBy: 'Proposed by', confirmedBy: 'Confirmed by', state: { proposed: 'Awaiting confirmation', closed: 'Closed', withdrawn: 'Withdrawn' },
    },
  },
  receipt: { title: 'Donation receipt', number: 'Receipt no.', donor: 'Donor', amount: 'Amount', purpose: 'Purpose', date: 'Date', fund: 'Fund', thanks: 'Thank you for supporting your community!', dividendTitle: 'Owners’ dividend statement' },
};
