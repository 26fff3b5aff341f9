import type { z } from 'zod';
import type { PublicNotice, PublicNoticeDetail, PublicNoticeQuery } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { regionNames } from '../org/region.service.ts';
import { findNotice, listNotices, objectionsOfNotice } from './notices.repository.ts';
import { mayAnswer, noticeAbilities } from './notices.policy.ts';
import { presentNoticeDetail, presentNoticeItem } from './notices.presenter.ts';
import { windowOpen } from './notices.service.ts';

/** The public board: notices under a region, newest first, one page; no personal data. */
export async function noticeBoardPage(db: Db, q: z.infer<typeof PublicNoticeQuery>, now: Date): Promise<{ items: PublicNotice[]; total: number }> {
  const { rows, total } = await listNotices(db, q);
  const names = await regionNames(db, [...new Set(rows.flatMap((r) => (r.n.regionId ? [r.n.regionId] : [])))]);
  return { items: rows.map((r) => presentNoticeItem(r.n, r.n.regionId ? names.get(r.n.regionId) : undefined, r, windowOpen(r.n, now))), total };
}

/** One notice with its objections and answers, for anyone (signed in or not). */
export async function noticePage(db: Db, actor: Actor | null, id: string, now: Date): Promise<PublicNoticeDetail> {
  const n = await findNotice(db, id);
  if (!n) throw new AppError('NOTICE_NOT_FOUND');
  const objections = await objectionsOfNotice(db, id);
  const names = n.regionId ? await regionNames(db, [n.regionId]) : new Map<string, { name: string; code: string }>();
  const open = windowOpen(n, now);
  const full = actor ? mayAnswer(actor, n.regionPath) : false;
  const abilities = noticeAbilities(actor, n, open, objections.some((o) => !o.answeredAt));
  return presentNoticeDetail(n, n.regionId ? names.get(n.regionId) : undefined, objections, actor?.userId ?? null, { windowOpen: open, full, abilities });
}
