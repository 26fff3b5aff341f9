import type { Messages } from '../../i18n/types.ts';

/** Instructions to every door (指令): issuing, live progress, the worker's inbox and checklist, the household's link. */
export const zh = {
  list: { title: '指令', new: '下发指令', empty: '暂无指令', households: '住户', microgrids: '微网格', workers: '网格员', deadline: '时限', issuer: '发布人', target: '范围', closed: '已结束', open: '进行中', state: '状态' },
  form: {
    title: '下发指令', name: '标题', body: '指令内容', region: '下发范围', regionHint: '选择区、街道、社区或网格，指令发给其下每个微网格员',
    tags: '只发给这些住户', tagsHint: '留空为范围内全部住户；选择后只含有该标签居民的住户', task: '微网格员要做的事', question: '要收集的问题',
    deadline: '完成时限', channels: '通知渠道', sms: '短信', wechat: '微信', attachments: '附件', upload: '上传附件',
    submit: '下发', sent: '已下发：{{microgrids}} 个微网格、{{workers}} 名网格员、{{households}} 户',
    outboxNote: '短信、微信通知先写入发件箱；本部署未接入短信网关和微信，发件记录写入服务器日志。', required: '请填写',
    preview: '预览并下发',
  },
  send: {
    title: '确认下发', summary: '将下发到 {{microgrids}} 个微网格、{{households}} 户，由 {{workers}} 名网格员接收。',
    uncovered: '{{count}} 处无法送达，其中 {{households}} 户收不到：', allCovered: '范围内每个微网格都有网格员。',
    reason: { no_worker: '没有网格员', no_households: '没有住户', no_microgrid: '网格下没有微网格' },
    households: '{{n}} 户', assign: '指派网格员', assignPlaceholder: '选择网格员', assigned: '已指派，已重新核算',
    acknowledge: '我已知晓以上区域收不到这条指令，仍然下发', confirm: '确认下发', cancel: '返回修改',
  },
  progress: {
    title: '进度', live: '实时', offline: '连接中断，正在重连…', acked: '已签收', reached: '已送达', notHome: '不在家', refused: '拒绝', open: '未完成',
    overdue: '超时微网格', unstaffed: '无网格员的微网格', households: '住户', workers: '网格员（按微网格）', region: '区域', remind: '一键提醒未签收', reminded: '已提醒 {{n}} 名网格员（短信/微信经发件箱发送）',
    export: '导出报表 (.xlsx)', unreached: '未送达住户', close: '结束指令', closeConfirm: '结束后网格员不能再登记，确定结束？', closedAt: '已于 {{at}} 结束',
    address: '地址', microgrid: '微网格', status: '状态', attempts: '走访次数', updated: '更新于 {{at}}', attachments: '附件',
    uncovered: '未覆盖的区域', remindConfirm: '向 {{n}} 名尚未签收的网格员发送提醒（短信/微信）？',
  },
  task: { relay: '逐户传达', check: '入户排查', collect: '逐户收集答复' },
  outcome: { pending: '未走访', reached: '已送达', not_home: '不在家（再访）', refused: '拒绝' },
  inbox: {
    title: '我的指令', empty: '暂无指令', ack: '签收', acked: '已签收', ackedAt: '签收于 {{at}}', mine: '我的住户 {{reached}}/{{households}}',
    open: '打开', deadline: '时限 {{at}}', households: '住户清单', answer: '答复', answerPlaceholder: '住户的答复', copyLink: '复制个人确认链接', copied: '已复制',
    recorded: '已登记', filter: { all: '全部', todo: '待走访', done: '已完成' }, attempts: '第 {{n}} 次', via: { link: '住户本人确认', worker: '' },
  },
  confirm: {
    title: '社区通知', address: '住址', confirm: '我已知晓', answer: '您的答复', submit: '提交', done: '已确认，谢谢您的配合。', closed: '该通知已结束。',
    deadline: '请于 {{at}} 前确认',
  },
};

export const en: Messages<typeof zh> = {
  list: { title: 'Instructions', new: 'Send an instruction', empty: 'No instructions yet', households: 'Households', microgrids: 'Micro-grids', workers: 'Workers', deadline: 'Deadline', issuer: 'Issued by', target: 'Target', closed: 'Closed', open: 'Open', state: 'State' },
  form: {
    title: 'Send an instruction', name: 'Title', body: 'Instruction', region: 'Target', regionHint: 'A district, street, community or grid: every micro-grid worker below receives it',
    tags: 'Only these households', tagsHint: 'Empty: every household in the target; otherwise households with a resident so tagged', task: 'What each micro-grid worker does', question: 'Question to collect',
    deadline: 'Deadline', channels: 'Notify by', sms: 'SMS', wechat: 'WeChat', attachments: 'Attachments', upload: 'Upload',
    submit: 'Send', sent: 'Sent to {{microgrids}} micro-grids, {{workers}} workers, {{households}} households',
    outboxNote: 'SMS and WeChat notices go to the outbox; no SMS gateway or WeChat is connected here, so deliveries are written to the server log.', required: 'Required',
    preview: 'Review and send',
  },
  send: {
    title: 'Confirm sending', summary: 'It goes to {{microgrids}} micro-grids and {{households}} households, received by {{workers}} workers.',
    uncovered: '{{count}} parts cannot be reached; {{households}} households will not get it:', allCovered: 'Every micro-grid in the target has a worker.',
    reason: { no_worker: 'no worker', no_households: 'no households', no_microgrid: 'no micro-grid under this grid' },
    households: '{{n}} households', assign: 'Assign a worker', assignPlaceholder: 'Choose a worker', assigned: 'Assigned; recounted',
    acknowledge: 'I know these parts will not get this instruction; send anyway', confirm: 'Send', cancel: 'Back to the draft',
  },
  progress: {
    title: 'Progress', live: 'Live', offline: 'Connection lost, reconnecting…', acked: 'Acknowledged', reached: 'Reached', notHome: 'Not at home', refused: 'Refused', open: 'Open',
    overdue: 'Overdue micro-grids', unstaffed: 'Micro-grids without a worker', households: 'Households', workers: 'Workers (per micro-grid)', region: 'Region', remind: 'Remind those who have not acknowledged', reminded: 'Reminded {{n}} workers (SMS/WeChat via the outbox)',
    export: 'Export report (.xlsx)', unreached: 'Households never reached', close: 'Close', closeConfirm: 'Workers can no longer record once closed. Close it?', closedAt: 'Closed at {{at}}',
    address: 'Address', microgrid: 'Micro-grid', status: 'Status', attempts: 'Visits', updated: 'Updated {{at}}', attachments: 'Attachments',
    uncovered: 'Parts not covered', remindConfirm: 'Send a reminder (SMS/WeChat) to the {{n}} workers who have not acknowledged?',
  },
  task: { relay: 'Relay to every household', check: 'Check door to door', collect: 'Collect an answer' },
  outcome: { pending: 'Not yet', reached: 'Reached', not_home: 'Not at home (retry)', refused: 'Refused' },
  inbox: {
    title: 'My instructions', empty: 'No instructions', ack: 'Acknowledge', acked: 'Acknowledged', ackedAt: 'Acknowledged {{at}}', mine: 'My households {{reached}}/{{households}}',
    open: 'Open', deadline: 'Due {{at}}', households: 'Households', answer: 'Answer', answerPlaceholder: 'The household’s answer', copyLink: 'Copy personal link', copied: 'Copied',
    recorded: 'Recorded', filter: { all: 'All', todo: 'To visit', done: 'Done' }, attempts: 'Visit {{n}}', via: { link: 'Confirmed by the household', worker: '' },
  },
  confirm: {
    title: 'Community notice', address: 'Address', confirm: 'I have read it', answer: 'Your answer', submit: 'Submit', done: 'Confirmed. Thank you.', closed: 'This notice is closed.',
    deadline: 'Please confirm before {{at}}',
  },
};
