/** Shapes of the councils API, inferred from the shared contracts (types only; zod stays out of the bundle), and a label helper. */
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import { chinaDay } from '@gongzhi/core';

export type CouncilSummary = z.infer<typeof C.CouncilSummary>;
export type CouncilDetail = z.infer<typeof C.CouncilDetail>;
export type SeatView = CouncilDetail['seats'][number];
export type AgendaItemView = z.infer<typeof C.AgendaItemView>;
export type MeetingDetail = z.infer<typeof C.MeetingDetail>;
export type MotionView = MeetingDetail['motions'][number];
export type NoticeSummary = z.infer<typeof C.NoticeSummary>;
export type NoticeDetail = z.infer<typeof C.NoticeDetail>;
export type { Page } from '../../api/types.ts';

/**
 * A notice window's end as its last day, "2026-11-27 24:00": the window closes at Shanghai midnight,
 * and "until the 28th 00:00" reads as one day more than it is.
 */
export function windowEndLabel(iso: string | null): string {
  if (!iso) return '—';
  // The China day of the window's last millisecond.
  return `${chinaDay(new Date(new Date(iso).getTime() - 1))} 24:00`;
}
