import type { RequestDetail } from '@gongzhi/contracts';
import type { RequestDetailData } from './requests.repository.ts';

type Entry = RequestDetailData['timeline'][number];
type TimelineView = RequestDetail['timeline'][number];

/**
 * The plain-language step a resident sees for each timeline entry; entries not listed are internal
 * (escalation, red/yellow cards, co-handlers, extensions, placing, notes) and are not shown. Sorting,
 * dispatching, accepting, transferring and returning are all "being handled" to a resident.
 */
const RESIDENT_STEP: Record<string, string> = {
  received: 'step_received', sort: 'step_handling', dispatch: 'step_handling', accept: 'step_handling', transfer: 'step_handling',
  return: 'step_handling', reply: 'step_replied', verify: 'step_checked', close: 'step_closed', rate: 'step_rated',
  reopen: 'step_reopened', refer: 'step_referred', reject: 'step_rejected', merge: 'step_merged', followed: 'step_followed',
};

/** Steps whose note is written for the resident (the answer, why it was referred or refused) or by them. */
const NOTE_FOR_RESIDENT = new Set(['reply', 'refer', 'reject', 'rate', 'reopen']);

/**
 * A resident's view of a request's timeline: plain-language steps only, one "being handled" for a
 * run of internal hand-offs, no internal states, and only the notes meant for them — a staff note
 * on sorting or dispatching never leaves the server. Staff are named by role, the resident by name.
 */
export function residentTimeline(timeline: readonly Entry[], userId: string): TimelineView[] {
  const out: TimelineView[] = [];
  for (const e of timeline) {
    const step = RESIDENT_STEP[e.kind];
    if (!step || !e.public) continue;
    if (step === 'step_handling' && out.at(-1)?.kind === 'step_handling') continue;
    const own = e.actorUserId !== null && e.actorUserId === userId;
    out.push({
      id: e.id, at: e.at.toISOString(), kind: step, actorName: own ? e.actorName : e.kind === 'received' ? '居民' : '工作人员',
      fromState: null, toState: null, note: NOTE_FOR_RESIDENT.has(e.kind) ? e.note : null, public: true,
    });
  }
  return out;
}
