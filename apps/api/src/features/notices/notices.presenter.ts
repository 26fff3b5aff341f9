import { maskFreeText } from '@gongzhi/core';
import type { PublicNotice, PublicNoticeDetail } from '@gongzhi/contracts';
import type { NoticeObjectionRow, NoticeRow } from './notices.repository.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * A notice as the public board lists it. Its title and body are masked (phone numbers, ID numbers…)
 * for everyone but staff of its area (`full`): the board is read without signing in.
 */
export function presentNoticeItem(n: NoticeRow, region: { name: string; code: string } | undefined, counts: { objections: number; unanswered: number }, windowOpen: boolean, full = false): PublicNotice {
  const t = full ? (s: string) => s : maskFreeText;
  return {
    id: n.id, kind: n.kind, subjectId: n.subjectId, title: t(n.title), body: t(n.body), state: n.state,
    region: n.regionId && region ? { id: n.regionId, name: region.name, code: region.code } : null,
    workingDays: n.workingDays, publishedAt: n.publishedAt.toISOString(), windowEndsAt: n.windowEndsAt.toISOString(),
    closedAt: iso(n.closedAt), withdrawnAt: iso(n.withdrawnAt),
    objectionCount: counts.objections, unansweredCount: counts.unanswered, windowOpen,
  };
}

/**
 * A notice with its objections and answers. Objectors are never named; each objection's text and
 * answer are masked but for staff of the area (`full`), and its author reads their own words whole.
 */
export function presentNoticeDetail(
  n: NoticeRow, region: { name: string; code: string } | undefined, objections: NoticeObjectionRow[],
  viewerId: string | null, view: { windowOpen: boolean; full: boolean; abilities: string[] },
): PublicNoticeDetail {
  const t = view.full ? (s: string) => s : maskFreeText;
  return {
    ...presentNoticeItem(n, region, { objections: objections.length, unanswered: objections.filter((o) => !o.answeredAt).length }, view.windowOpen, view.full),
    objections: objections.map((o) => ({
      id: o.id, text: view.full || viewerId === o.userId ? o.text : maskFreeText(o.text), createdAt: o.createdAt.toISOString(),
      outcome: o.outcome, answer: o.answer === null ? null : t(o.answer), answeredAt: iso(o.answeredAt), mine: viewerId === o.userId,
    })),
    abilities: view.abilities,
  };
}
