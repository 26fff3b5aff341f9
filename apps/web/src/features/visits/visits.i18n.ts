import type { Messages } from '../../i18n/types.ts';

/** Household visits (走访): the worker's list and form (offline), review of proposed changes, coverage. */
export const zh = {
  list: {
    title: '走访', online: '在线', offline: '离线：走访记录保存在本机，联网后自动同步', cachedAt: '住户清单更新于 {{at}}', noCache: '离线且本机没有住户清单，请联网后打开一次',
    pending: '待同步 {{n}} 条', sync: '立即同步', synced: '已同步 {{n}} 条走访', refused: '{{n}} 条被拒绝，请查看', empty: '没有需要走访的住户',
    filter: { all: '全部', overdue: '已逾期', due: '今日应访', ok: '未到期' }, special: '重点户', every: '每 {{n}} 天', due: '应访日 {{day}}',
    overdueDays: '逾期 {{n}} 天', last: '上次走访 {{at}}', never: '从未走访', visit: '登记走访', discard: '放弃此条', refusedReason: '未能同步：{{message}}',
    search: '搜索楼栋、单元、门牌或姓名', searchHint: '如：3栋2单元、502、张',
  },
  status: { overdue: '已逾期', due: '今日应访', ok: '未到期' },
  form: {
    title: '登记走访', outcome: '走访情况', visited: '已见到住户', not_home: '不在家（不计入走访）', notes: '发现的情况', notesPlaceholder: '身体、生活、诉求等',
    propose: '住户信息有变化', address: '住址', tenure: '居住方式', tenureOwner: '自有', tenureTenant: '租住', tenureOther: '其他', members: '成员标签', movedOut: '已搬离',
    request: '现场代为提交诉求', requestPlaceholder: '诉求内容（至少 5 个字），提交后进入诉求办理流程', save: '保存', savedOffline: '已保存在本机，联网后同步', saved: '已保存并同步',
    changeNote: '信息变化提交给社区工作者审核后才会生效。', missing: '本机没有该住户的信息，请联网后重新打开走访清单',
    back: '返回清单', reasonSpecial: '重点户（{{tags}}），每 {{n}} 天走访', reasonRegular: '每 {{n}} 天走访', membersTitle: '家庭成员', age: '{{n}} 岁',
    noMembers: '没有登记的成员', showPhone: '显示电话', noPhone: '未登记电话', phoneOffline: '联网后才能查看电话',
  },
  review: {
    title: '信息变更审核', pending: '待审核', conflict: '冲突', decided: '已处理', proposedBy: '{{name}} 提出于 {{at}}', field: '项目', proposed: '提出的', current: '当前', approve: '批准', reject: '驳回',
    override: '仍然批准（已核对当前信息）', stale: '该住户信息在提出后已被修改，请对照当前信息', empty: '没有待处理的变更', note: '处理意见', approved: '已批准', rejected: '已驳回',
    address: '住址', tenure: '居住方式', movedOut: '搬离', tags: '{{name}} 的标签', yes: '是',
  },
  coverage: {
    title: '走访覆盖', today: '统计日 {{day}}', households: '住户', overdue: '逾期', due: '今日应访', special: '重点户', specialOverdue: '重点户逾期', byGrid: '按网格', byWorker: '按网格员',
    grid: '网格', worker: '网格员', visits30d: '近 30 天走访', rules: '走访规则', community: '社区', size: '规模', large: '大社区', small: '小社区', regular: '普通户间隔（天）', specialDays: '重点户间隔（天）',
    specialTags: '重点户标签', edit: '修改', auto: '按户数自动', save: '保存', saved: '走访规则已保存',
  },
};

export const en: Messages<typeof zh> = {
  list: {
    title: 'Visits', online: 'Online', offline: 'Offline: visits are kept on this phone and synced when back online', cachedAt: 'Household list from {{at}}', noCache: 'Offline and no household list on this phone; open it once while online',
    pending: '{{n}} waiting to sync', sync: 'Sync now', synced: '{{n}} visits synced', refused: '{{n}} refused; see below', empty: 'No households to visit',
    filter: { all: 'All', overdue: 'Overdue', due: 'Due today', ok: 'Not yet due' }, special: 'Special', every: 'every {{n}} days', due: 'due {{day}}',
    overdueDays: '{{n}} days overdue', last: 'last visit {{at}}', never: 'never visited', visit: 'Record a visit', discard: 'Discard', refusedReason: 'Not synced: {{message}}',
    search: 'Search building, unit, door or name', searchHint: 'e.g. 3栋2单元, 502, a surname',
  },
  status: { overdue: 'Overdue', due: 'Due today', ok: 'Not yet due' },
  form: {
    title: 'Record a visit', outcome: 'Outcome', visited: 'Saw the household', not_home: 'Nobody at home (does not count)', notes: 'What was found', notesPlaceholder: 'Health, living conditions, needs…',
    propose: 'Household details changed', address: 'Address', tenure: 'Tenure', tenureOwner: 'Owner', tenureTenant: 'Tenant', tenureOther: 'Other', members: 'Member tags', movedOut: 'Moved away',
    request: 'File a request on their behalf', requestPlaceholder: 'The request (5 characters or more); it goes into request handling', save: 'Save', savedOffline: 'Saved on this phone; it will sync when online', saved: 'Saved and synced',
    changeNote: 'Changes take effect only after a community worker approves them.', missing: 'This household is not on this phone; open the visit list while online',
    back: 'Back to the list', reasonSpecial: 'Special household ({{tags}}): visited every {{n}} days', reasonRegular: 'Visited every {{n}} days', membersTitle: 'Members', age: 'aged {{n}}',
    noMembers: 'No members on record', showPhone: 'Show phone', noPhone: 'No phone on record', phoneOffline: 'Showing a phone needs a connection',
  },
  review: {
    title: 'Review household changes', pending: 'Pending', conflict: 'Conflicts', decided: 'Decided', proposedBy: 'by {{name}} at {{at}}', field: 'Field', proposed: 'Proposed', current: 'Current', approve: 'Approve', reject: 'Reject',
    override: 'Approve anyway (compared with the current record)', stale: 'The record changed after this was proposed; compare with the current one', empty: 'Nothing to review', note: 'Note', approved: 'Approved', rejected: 'Rejected',
    address: 'Address', tenure: 'Tenure', movedOut: 'Moved away', tags: 'Tags of {{name}}', yes: 'yes',
  },
  coverage: {
    title: 'Visit coverage', today: 'As of {{day}}', households: 'Households', overdue: 'Overdue', due: 'Due today', special: 'Special', specialOverdue: 'Special overdue', byGrid: 'By grid', byWorker: 'By worker',
    grid: 'Grid', worker: 'Grid worker', visits30d: 'Visits (30 days)', rules: 'Visit rules', community: 'Community', size: 'Size', large: 'Large', small: 'Small', regular: 'Ordinary interval (days)', specialDays: 'Special interval (days)',
    specialTags: 'Special tags', edit: 'Edit', auto: 'Automatic by households', save: 'Save', saved: 'Visit rule saved',
  },
};
