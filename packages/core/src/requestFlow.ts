/**
 * The life of a resident's request, after the digital city-management cycle (受理 → 分流 → 派遣 →
 * 处置 → 答复 → 核查 → 结案 → 评价), as a pure state machine that the API enforces and the web asks
 * for its buttons.
 *
 * Design choices:
 * - Returning, transferring and reopening are events, not states: each lands the request in an
 *   existing state (sorted, dispatched, in_progress), and the timeline records the event, so
 *   "returned" stays visible without being a state where a request could get stuck.
 * - Escalation (one level up the tree, by a timer or by hand) is an event that keeps the state: the
 *   request goes on being handled where it is while the level above supervises it; the caller
 *   records who it was escalated to. It is allowed while the request is still open and unanswered.
 * - Verification (核查) sits between the reply and closing; a resident's rating may come at any
 *   point after the reply, since it is the resident's own verdict (Beijing's satisfaction rate
 *   counts it). A rating that comes before staff have closed the request does not take their steps
 *   away: from `rated`, staff may still verify and close (unless it was closed before the rating),
 *   and the rating stays on the request. A request is rated once (until it is reopened).
 * - Reopening is also allowed from `verified`: staff having checked the work is exactly when a
 *   resident who disagrees needs it.
 */

/** Every state a request can be in. */
export const REQUEST_STATES = [
  'received', 'sorted', 'dispatched', 'in_progress', 'replied', 'verified', 'closed', 'rated',
  'referred', 'merged', 'rejected',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Every event that moves a request. */
export const REQUEST_EVENTS = [
  'sort', 'dispatch', 'accept', 'reply', 'verify', 'close', 'rate', 'return', 'transfer', 'escalate',
  'merge', 'refer', 'reject', 'reopen',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

/** How long after the reply a resident may reopen a request that was not solved. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3_600_000;

/** What some events need to know. */
export interface TransitionContext {
  /** Why, for `return` (wrong department) and `reject`; must not be blank. */
  reason?: string;
  /** When the request was (last) replied to, for `reopen`. */
  repliedAt?: Date;
  /** The current time, for `reopen`. Passed in so the rule stays pure and testable. */
  now?: Date;
  /** When staff closed the request, if they did: a rated request closed before is not verified or closed again. */
  closedAt?: Date | null;
  /** When the resident rated it, if they did (reopening clears it): a request is rated once. */
  ratedAt?: Date | null;
}

/** Why a transition was refused. */
export type TransitionError =
  | 'forbidden_transition' // the event makes no sense in this state
  | 'reason_required' // return and reject need a non-blank reason
  | 'reopen_window_passed' // more than seven days since the reply
  | 'reply_time_required' // reopen was asked without repliedAt and now to judge the window
  | 'already_rated'; // the resident has rated it already (since the last reopening)

export type TransitionResult = { ok: true; state: RequestState } | { ok: false; reason: TransitionError };

/** `same`: the event keeps the state (escalation). */
const TABLE: Record<RequestState, Partial<Record<RequestEvent, RequestState | 'same'>>> = {
  received: { sort: 'sorted', merge: 'merged', reject: 'rejected', escalate: 'same' },
  // Sorting again corrects the class or category; every correction is kept by the caller.
  sorted: { sort: 'sorted', dispatch: 'dispatched', refer: 'referred', merge: 'merged', reject: 'rejected', escalate: 'same' },
  // A department may only hand a request back (with a reason) or on; rejecting is the sorter's call.
  dispatched: { accept: 'in_progress', return: 'sorted', transfer: 'dispatched', merge: 'merged', escalate: 'same' },
  in_progress: { reply: 'replied', return: 'sorted', transfer: 'dispatched', merge: 'merged', escalate: 'same' },
  replied: { verify: 'verified', rate: 'rated', reopen: 'in_progress' },
  verified: { close: 'closed', rate: 'rated', reopen: 'in_progress' },
  closed: { rate: 'rated', reopen: 'in_progress' },
  // Rated before staff finished: they still verify and close (checkContext refuses both once closed).
  rated: { verify: 'verified', close: 'closed', reopen: 'in_progress' },
  // A private matter is referred to the resident or a market service with a record, then closed.
  referred: { close: 'closed' },
  merged: {},
  rejected: {},
};

/** States from which nothing more can happen. */
export const TERMINAL_STATES: readonly RequestState[] = ['merged', 'rejected'];

/**
 * Whether a request in this state counts as finished (Open311 `closed`, and out of the open queues):
 * closed, rated, merged or rejected. A referred request is finished once it is closed.
 */
export function isFinishedState(state: RequestState): boolean {
  return state === 'closed' || state === 'rated' || state === 'merged' || state === 'rejected';
}

function checkContext(state: RequestState, event: RequestEvent, ctx: TransitionContext): TransitionError | null {
  if (state === 'rated' && (event === 'verify' || event === 'close') && ctx.closedAt) return 'forbidden_transition';
  if (event === 'rate' && ctx.ratedAt) return 'already_rated';
  if (event === 'return' || event === 'reject') {
    if (typeof ctx.reason !== 'string' || ctx.reason.trim() === '') return 'reason_required';
  }
  if (event === 'reopen') {
    const replied = ctx.repliedAt?.getTime();
    const now = ctx.now?.getTime();
    if (replied === undefined || now === undefined || Number.isNaN(replied) || Number.isNaN(now)) return 'reply_time_required';
    // Inclusive: a reopen at exactly seven days is still in time. A clock running behind the
    // reply time is not the resident's fault, so it does not count against them either.
    if (now - replied > REOPEN_WINDOW_MS) return 'reopen_window_passed';
  }
  return null;
}

/**
 * Applies `event` to a request in `state`. Returns the new state, or why the event is refused:
 * `forbidden_transition` when the state does not allow it (checked first), `reason_required` for a
 * return or rejection without a reason, `reply_time_required` / `reopen_window_passed` for a reopen
 * that cannot be shown to fall within seven days of the reply.
 */
export function transition(state: RequestState, event: RequestEvent, ctx: TransitionContext = {}): TransitionResult {
  const target = TABLE[state]?.[event];
  if (target === undefined) return { ok: false, reason: 'forbidden_transition' };
  const error = checkContext(state, event, ctx);
  if (error) return { ok: false, reason: error };
  return { ok: true, state: target === 'same' ? state : target };
}

/**
 * The events the UI may offer for a request in `state`, in the order of {@link REQUEST_EVENTS}.
 * `reopen` is offered only when `ctx` shows the reply was within seven days (it needs `repliedAt`
 * and `now`); events that need a reason are offered regardless, since the UI asks for the reason.
 * Pass `closedAt` and `ratedAt` so a rated request offers staff exactly the steps left to them.
 */
export function allowedEvents(state: RequestState, ctx: TransitionContext = {}): RequestEvent[] {
  const row = TABLE[state] ?? {};
  return REQUEST_EVENTS.filter((e) => row[e] !== undefined && checkContext(state, e, { ...ctx, reason: 'x' }) === null);
}

/** Names of the states for display. */
export const REQUEST_STATE_LABELS: Record<RequestState, { 'zh-CN': string; en: string }> = {
  received: { 'zh-CN': '待受理', en: 'Awaiting acceptance' },
  sorted: { 'zh-CN': '已分流', en: 'Sorted' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  replied: { 'zh-CN': '已答复', en: 'Replied' },
  verified: { 'zh-CN': '已核查', en: 'Verified' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  referred: { 'zh-CN': '已引导', en: 'Referred' },
  merged: { 'zh-CN': '已合并', en: 'Merged' },
  rejected: { 'zh-CN': '不予受理', en: 'Rejected' },
};

/** Names of the events for buttons and the timeline. */
export const REQUEST_EVENT_LABELS: Record<RequestEvent, { 'zh-CN': string; en: string }> = {
  sort: { 'zh-CN': '分流', en: 'Sort' },
  dispatch: { 'zh-CN': '派单', en: 'Dispatch' },
  accept: { 'zh-CN': '签收', en: 'Accept' },
  reply: { 'zh-CN': '答复', en: 'Reply' },
  verify: { 'zh-CN': '核查', en: 'Verify' },
  close: { 'zh-CN': '办结', en: 'Close' },
  rate: { 'zh-CN': '评价', en: 'Rate' },
  return: { 'zh-CN': '退单', en: 'Return' },
  transfer: { 'zh-CN': '转办', en: 'Transfer' },
  escalate: { 'zh-CN': '升级', en: 'Escalate' },
  merge: { 'zh-CN': '合并', en: 'Merge' },
  refer: { 'zh-CN': '引导办理', en: 'Refer' },
  reject: { 'zh-CN': '不予受理', en: 'Reject' },
  reopen: { 'zh-CN': '重启', en: 'Reopen' },
};
