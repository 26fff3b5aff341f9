import type { Messages } from '../../i18n/types.ts';

/** Councils (议事会), meetings, minutes and the public notice board (公示). */
export const zh = {
  list: { title: '议事会', mine: '我的议事会', mineHint: '您所在楼栋、小组（网格）和社区的议事会。可查看议程和已通过的会议纪要，并可提出议题、联署。', create: '新建议事会', empty: '暂无议事会' },
  kind: { building: '楼栋议事会', grid: '小组议事会', community: '社区议事会', matter: '一事一议' },
  seatKind: { resident_rep: '居民代表', party_member: '党员代表', owners_committee: '业委会', property_company: '物业公司', resident_unit: '驻区单位' },
  col: { name: '名称', kind: '类型', region: '所属区域', seats: '在任 / 出缺', holder: '成员', seatKind: '席位', term: '任期', status: '状态' },
  form: {
    kind: '类型', name: '名称', region: '所属区域', matter: '议事事项（一事一议）', quorum: '法定人数', majority: '表决规则',
    cosign: '居民提议所需联署人数', noticeHours: '会议提前通知（小时）', publicDays: '决议公示期（工作日）',
    resident: '居民', organisation: '单位', holderName: '单位代表姓名', termStart: '任期开始', termEnd: '任期结束', reason: '出缺原因', electedOn: '补选日期',
  },
  quorum: { more_than_half: '过半数成员到会', two_thirds: '三分之二以上成员到会' },
  majority: { simple: '到会成员过半数同意', two_thirds: '到会成员三分之二以上同意' },
  rules: '规则：{{quorum}}；{{majority}}；会议提前 {{hours}} 小时通知；决议公示 {{days}} 个工作日；居民提议需 {{cosign}} 人联署。',
  seats: {
    title: '成员与席位', add: '增补成员', vacate: '出缺', byElection: '补选', sitting: '在任', vacated: '已出缺', ended: '任期届满',
    byElected: '补选产生', successor: '已补选', history: '含历史席位',
  },
  agenda: {
    title: '议题', add: '添加议题', propose: '提出议题', cosign: '联署', cosigned: '已联署', progress: '联署 {{count}}/{{threshold}}',
    itemTitle: '议题名称', description: '说明', source: '来源', requestNumber: '诉求编号（小事）', requestNotFound: '找不到该诉求编号',
  },
  source: { small_matter: '三事分流·小事', proposal: '居民提议', party: '党组织提出' },
  agendaState: { collecting: '联署中', open: '待上会', scheduled: '已列入会议', resolved: '已形成决议', reopened: '退回重议' },
  meetings: { title: '会议', add: '召集会议', itemsToAdd: '列入议程', startsAt: '会议时间', location: '地点', meetingTitle: '会议名称', noticeHint: '至少提前 {{hours}} 小时通知；通知将记入发送队列（短信网关未接入，暂记录在服务器日志中）。', earliest: '现在召集，会议最早可定于 {{time}}（北京时间）。' },
  meetingState: { noticed: '已通知', closed: '已结束' },
  meeting: {
    agenda: '议程', attendance: '签到', quorum: '法定人数：应到 {{seated}} 人，实到 {{present}} 人', reached: '已达到法定人数', short: '还差 {{short}} 人',
    signIn: '签到', signInSelf: '我来签到', present: '已签到', motions: '动议与表决', newMotion: '提出动议', motionText: '动议内容', forItem: '对应议题',
    vote: { for: '同意', against: '反对', abstain: '弃权' }, voteSelf: '我的表决', closeVote: '结束表决', passed: '通过', failed: '未通过',
    counts: '同意 {{for}} · 反对 {{against}} · 弃权 {{abstain}} · 到会 {{present}}', publish: '公示决议', viewNotice: '查看公示',
    close: '结束会议', minutes: '会议纪要', saveMinutes: '保存纪要（新版本）', approve: '通过纪要', version: '第 {{version}} 版', draft: '草稿', approved: '已通过',
    noMinutes: '暂无已通过的会议纪要', closeConfirm: '结束会议后不能再签到或提出动议。确定结束吗？',
  },
  board: {
    title: '公示栏', subtitle: '议事会决议在公示期内接受居民监督。公示期满且所有异议均已答复后，决议生效。', empty: '暂无公示',
    window: '公示期至 {{end}}（{{days}} 个工作日）', objections: '异议 {{count}} 条，待答复 {{open}} 条', signIn: '登录后可提出异议',
    object: '提出异议', objectionText: '异议内容', objectSubmit: '提交异议', objected: '异议已提交，议事会将作出答复', mine: '我的异议',
    answer: '答复', upheld: '异议成立（退回议事会重议）', rejected: '异议不成立', reason: '答复理由', answerSubmit: '提交答复', unanswered: '待答复',
    council: '议事会', all: '全部', text: '决议内容', publishedAt: '公示时间', effectiveAt: '生效时间', returnedAt: '退回时间',
  },
  resolutionState: { adopted: '待公示', published: '公示中', effective: '已生效', returned: '已退回重议' },
};

export const en: Messages<typeof zh> = {
  list: { title: 'Councils', mine: 'My councils', mineHint: 'The councils of your building, grid and community. See their agendas and approved minutes, propose items and co-sign.', create: 'New council', empty: 'No councils yet' },
  kind: { building: 'Building council', grid: 'Grid council', community: 'Community council', matter: 'One-matter group' },
  seatKind: { resident_rep: 'Resident representative', party_member: 'Party member', owners_committee: 'Owners’ committee', property_company: 'Property company', resident_unit: 'Resident unit' },
  col: { name: 'Name', kind: 'Kind', region: 'Area', seats: 'Sitting / vacant', holder: 'Member', seatKind: 'Seat', term: 'Term', status: 'Status' },
  form: {
    kind: 'Kind', name: 'Name', region: 'Area', matter: 'Matter (one-matter group)', quorum: 'Quorum', majority: 'Majority',
    cosign: 'Co-signatures a proposal needs', noticeHours: 'Meeting notice (hours)', publicDays: 'Public notice (working days)',
    resident: 'Resident', organisation: 'Organisation', holderName: 'Representative’s name', termStart: 'Term starts', termEnd: 'Term ends', reason: 'Reason', electedOn: 'By-election date',
  },
  quorum: { more_than_half: 'More than half of the members present', two_thirds: 'At least two thirds present' },
  majority: { simple: 'More than half of those present agree', two_thirds: 'At least two thirds of those present agree' },
  rules: 'Rules: {{quorum}}; {{majority}}; meetings noticed {{hours}} hours ahead; resolutions on notice for {{days}} working days; proposals need {{cosign}} co-signatures.',
  seats: {
    title: 'Members and seats', add: 'Add member', vacate: 'Vacate', byElection: 'By-election', sitting: 'Sitting', vacated: 'Vacant', ended: 'Term ended',
    byElected: 'By-elected', successor: 'Filled', history: 'History included',
  },
  agenda: {
    title: 'Agenda items', add: 'Add item', propose: 'Propose an item', cosign: 'Co-sign', cosigned: 'Co-signed', progress: '{{count}}/{{threshold}} co-signatures',
    itemTitle: 'Title', description: 'Description', source: 'Source', requestNumber: 'Request number (small matter)', requestNotFound: 'No request with that number',
  },
  source: { small_matter: 'Small matter (request)', proposal: 'Residents’ proposal', party: 'Party organisation' },
  agendaState: { collecting: 'Collecting signatures', open: 'Ready', scheduled: 'On a meeting’s agenda', resolved: 'Resolved', reopened: 'Sent back' },
  meetings: { title: 'Meetings', add: 'Call a meeting', itemsToAdd: 'Agenda', startsAt: 'Time', location: 'Place', meetingTitle: 'Title', noticeHint: 'Notice at least {{hours}} hours ahead. Notices are queued (no SMS gateway is connected; they are written to the server log).', earliest: 'Called now, the meeting can start at {{time}} (Beijing time) at the earliest.' },
  meetingState: { noticed: 'Noticed', closed: 'Closed' },
  meeting: {
    agenda: 'Agenda', attendance: 'Sign-in', quorum: 'Quorum: {{seated}} members, {{present}} present', reached: 'Quorum reached', short: '{{short}} more needed',
    signIn: 'Sign in', signInSelf: 'Sign myself in', present: 'Present', motions: 'Motions and votes', newMotion: 'Put a motion', motionText: 'Motion', forItem: 'Agenda item',
    vote: { for: 'For', against: 'Against', abstain: 'Abstain' }, voteSelf: 'My vote', closeVote: 'Close the vote', passed: 'Passed', failed: 'Failed',
    counts: 'For {{for}} · against {{against}} · abstain {{abstain}} · present {{present}}', publish: 'Publish the resolution', viewNotice: 'See the notice',
    close: 'Close the meeting', minutes: 'Minutes', saveMinutes: 'Save minutes (new version)', approve: 'Approve the minutes', version: 'Version {{version}}', draft: 'Draft', approved: 'Approved',
    noMinutes: 'No approved minutes yet', closeConfirm: 'After closing, nobody can sign in or put motions. Close the meeting?',
  },
  board: {
    title: 'Notice board', subtitle: 'Council resolutions stay on notice for residents to check. They take effect when the period is over and every objection has been answered.', empty: 'Nothing on notice',
    window: 'On notice until {{end}} ({{days}} working days)', objections: '{{count}} objections, {{open}} awaiting an answer', signIn: 'Sign in to object',
    object: 'Object', objectionText: 'Your objection', objectSubmit: 'Submit objection', objected: 'Objection submitted; the council will answer it', mine: 'Mine',
    answer: 'Answer', upheld: 'Upheld (back to the council)', rejected: 'Rejected', reason: 'Reason', answerSubmit: 'Submit answer', unanswered: 'Awaiting an answer',
    council: 'Council', all: 'All', text: 'Resolution', publishedAt: 'Published', effectiveAt: 'In effect since', returnedAt: 'Sent back',
  },
  resolutionState: { adopted: 'Not yet published', published: 'On notice', effective: 'In effect', returned: 'Sent back' },
};
