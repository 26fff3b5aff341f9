import type { InboxMessage } from '@gongzhi/contracts';
import type { InboxRow } from './inbox.repository.ts';

type Text = { 'zh-CN': string; en: string };
type Rendered = { title: Text; body: Text; link: string | null };
type Payload = Record<string, unknown>;

/** A payload value as display text (payloads are JSON written by the platform; be lenient on shape). */
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
/** A payload id fit for a console path, or null (never a path fragment of someone's making). */
const idOf = (v: unknown): string | null => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);
const at = (p: string, v: unknown): string | null => { const id = idOf(v); return id ? `${p}/${id}` : null; };

/** What each request event tells the reporter and followers, in both languages. */
const REQUEST_EVENTS: Record<string, Text> = {
  received: { 'zh-CN': '已收到', en: 'received' },
  sort: { 'zh-CN': '已受理', en: 'accepted and sorted' },
  dispatch: { 'zh-CN': '已派单办理', en: 'dispatched for handling' },
  reply: { 'zh-CN': '已答复，请查看并评价', en: 'answered — please read and rate it' },
  refer: { 'zh-CN': '已转有关部门', en: 'referred to the responsible body' },
  reject: { 'zh-CN': '未予受理', en: 'not accepted' },
  merge: { 'zh-CN': '已与相同问题合并办理', en: 'merged with the same matter' },
  close: { 'zh-CN': '已办结', en: 'closed' },
  reopen: { 'zh-CN': '已重新办理', en: 'reopened' },
};

const PHASE: Record<string, Text> = { respond: { 'zh-CN': '受理', en: 'response' }, resolve: { 'zh-CN': '办结', en: 'resolution' } };

function requestMessage(event: string, p: Payload): Rendered | undefined {
  const no = str(p.number);
  const link = at('/my-requests', p.requestId);
  const said = REQUEST_EVENTS[event];
  if (said) {
    return { title: { 'zh-CN': `您的诉求${said['zh-CN']}`, en: `Your request was ${said.en}` }, body: { 'zh-CN': `诉求编号 ${no}`, en: `Request ${no}` }, link };
  }
  // Deadlines go to the handler (staff), whose page of the request is the work queue's.
  const phase = PHASE[str(p.phase)] ?? { 'zh-CN': '', en: '' };
  const staffLink = at('/requests', p.requestId);
  if (event === 'sla_warning') {
    return { title: { 'zh-CN': `诉求 ${no} 即将超过${phase['zh-CN']}时限`, en: `Request ${no}: ${phase.en} deadline near` }, body: { 'zh-CN': '请尽快处理', en: 'Please act on it soon' }, link: staffLink };
  }
  if (event === 'escalated') {
    const to = str(p.regionPath);
    return { title: { 'zh-CN': `诉求 ${no} 超过${phase['zh-CN']}时限，已上报`, en: `Request ${no} is overdue (${phase.en}) and was escalated` }, body: { 'zh-CN': `已上报至 ${to}`, en: `Escalated to ${to}` }, link: staffLink };
  }
  return undefined;
}

/** What each step of a community project tells the residents who asked for it (projects' trail kinds). */
const PROJECT_STEPS: Record<string, Text> = {
  resolved: { 'zh-CN': '已经议事会表决通过', en: 'was resolved by the council' },
  published: { 'zh-CN': '决议公示期满，已列入实施清单', en: 'is on the published list after its notice period' },
  call_opened: { 'zh-CN': '已发布招标公告', en: 'is open for bids' },
  awarded: { 'zh-CN': '已确定中标单位，正在公示', en: 'has a winning bidder, on notice now' },
  award_effective: { 'zh-CN': '已签订合同，开始实施', en: 'is contracted and under way' },
  residents_implement: { 'zh-CN': '将由居民自行实施', en: 'will be done by residents themselves' },
  progress: { 'zh-CN': '有新的实施进展', en: 'has made progress' },
  activity: { 'zh-CN': '发布了居民可报名的活动', en: 'announced an activity you can sign up for' },
  acceptance_passed: { 'zh-CN': '已通过验收，请您评价', en: 'was accepted — please rate it' },
  acceptance_failed: { 'zh-CN': '验收未通过，正在整改', en: 'was not accepted and is being put right' },
  paid: { 'zh-CN': '已按进度拨付资金', en: 'had an instalment paid' },
  rating_opened: { 'zh-CN': '开放居民评价，请您打分', en: 'is open for residents’ ratings — please rate it' },
  closed: { 'zh-CN': '已结项', en: 'is closed' },
};

function projectMessage(step: string, p: Payload): Rendered | undefined {
  const said = PROJECT_STEPS[step];
  if (!said) return undefined;
  const title = str(p.title);
  return {
    title: { 'zh-CN': `社区项目「${title}」${said['zh-CN']}`, en: `Community project “${title}” ${said.en}` },
    body: { 'zh-CN': '点击查看项目全过程', en: 'Open it to see every step' }, link: at('/projects', p.projectId),
  };
}

/** A China-time instant as "截止 …" / "Due …", or nothing when the payload has none. */
function chinaTime(v: unknown): { zh: string; en: string } | null {
  const when = str(v) ? new Date(str(v)) : null;
  if (!when || Number.isNaN(when.getTime())) return null;
  const opts = { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' } as const;
  return { zh: when.toLocaleString('zh-CN', opts), en: `${when.toLocaleString('en-GB', opts)} (China time)` };
}
const deadline = (v: unknown): Text => { const t = chinaTime(v); return t ? { 'zh-CN': `截止 ${t.zh}`, en: `Due ${t.en}` } : { 'zh-CN': '', en: '' }; };

/** Templates by name; each returns undefined when it cannot say more than the fallback. */
const TEMPLATES: Record<string, (p: Payload) => Rendered | undefined> = {
  'assembly.results_published': (p) => ({
    title: { 'zh-CN': '业主大会表决结果已公布', en: 'Owners’ assembly results published' }, body: { 'zh-CN': str(p.title), en: str(p.title) }, link: at('/assemblies', p.assemblyId),
  }),
  // Instructions go to the grid workers they are assigned to; their page of it is the task.
  'instruction.sent': (p) => ({
    title: { 'zh-CN': `新任务：${str(p.title)}`, en: `New task: ${str(p.title)}` }, body: deadline(p.deadline), link: at('/tasks', p.instructionId),
  }),
  'instruction.reminder': (p) => ({
    title: { 'zh-CN': `请确认任务：${str(p.title)}`, en: `Please acknowledge: ${str(p.title)}` }, body: { 'zh-CN': '您还没有确认收到这项任务', en: 'You have not acknowledged this task yet' }, link: at('/tasks', p.instructionId),
  }),
  'assembly.voting_open': (p) => ({
    title: { 'zh-CN': `业主大会开始表决：${str(p.title)}`, en: `Owners’ assembly voting is open: ${str(p.title)}` }, body: deadline(p.closesAt), link: at('/assemblies', p.assemblyId),
  }),
  'council.proposal_on_agenda': (p) => ({
    title: { 'zh-CN': '您的提议已列入议程', en: 'Your proposal is on the agenda' }, body: { 'zh-CN': str(p.title), en: str(p.title) }, link: at('/councils', p.councilId),
  }),
  'council.meeting_notice': (p) => {
    const when = chinaTime(p.startsAt);
    const place = str(p.location);
    return {
      title: { 'zh-CN': `会议通知：${str(p.title)}`, en: `Meeting notice: ${str(p.title)}` },
      body: { 'zh-CN': [when?.zh, place].filter(Boolean).join('，'), en: [when?.en, place].filter(Boolean).join(', ') },
      link: at('/councils/meetings', p.meetingId),
    };
  },
  'council.objection_answered': (p) => {
    const upheld = str(p.outcome) === 'upheld';
    return {
      title: { 'zh-CN': '您的异议已答复', en: 'Your objection was answered' },
      body: upheld ? { 'zh-CN': '异议成立，议题退回议事会重议', en: 'Upheld: the item goes back to the council' } : { 'zh-CN': '异议未被采纳，请查看答复理由', en: 'Not upheld; see the reasons given' },
      link: at('/notice-board', p.resolutionId),
    };
  },
};

/**
 * A message no template here knows (a new feature's, or one renamed): a plain notice, with a link to
 * whatever its payload names that the console has a page for.
 */
function fallback(template: string, p: Payload): Rendered {
  const link = at('/my-requests', p.requestId) ?? at('/tasks', p.instructionId) ?? at('/councils/meetings', p.meetingId)
    ?? at('/assemblies', p.assemblyId) ?? at('/councils', p.councilId) ?? at('/notice-board', p.resolutionId);
  const title = str(p.title);
  return { title: { 'zh-CN': title || '系统通知', en: title || 'Notice' }, body: { 'zh-CN': `通知类型：${template}`, en: `Kind of notice: ${template}` }, link };
}

/** Renders an outbox template and payload into what a person reads: title, body and the page it is about. */
export function renderMessage(template: string, payload: Payload): Rendered {
  const p = payload && typeof payload === 'object' ? payload : {};
  const [family, ...rest] = template.split('.');
  const rendered = family === 'request' ? requestMessage(rest.join('.'), p) : family === 'project' ? projectMessage(rest.join('.'), p) ?? TEMPLATES[template]?.(p) : TEMPLATES[template]?.(p);
  return rendered ?? fallback(template, p);
}

/** One inbox row as the API answers it. */
export function presentMessage(row: InboxRow): InboxMessage {
  return { id: row.id, template: row.template, ...renderMessage(row.template, row.payload), createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}
