import type { z } from 'zod';
import type { PanelDetail, PanelListQuery, PanelSummary } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { listPanels, panelParts } from './panels.repository.ts';
import { panelAbilities } from './panels.policy.ts';
import { presentPanel, presentPanelSummary } from './panels.presenter.ts';
import { computeResults, reachablePanel, sheetsOf } from './panels.service.ts';

/** Panels in the actor's area, and those they sit on, newest first. */
export async function panelList(db: Db, actor: Actor, q: z.infer<typeof PanelListQuery>): Promise<{ items: PanelSummary[]; total: number }> {
  const { rows, total } = await listPanels(db, scopeFor(actor, 'panel.read'), { ...q, memberUserId: actor.userId });
  return { items: rows.map(presentPanelSummary), total };
}

/** A panel's page: members, criteria, candidates, the scorecards the viewer may read, and the results. */
export async function panelDetail(db: Db, actor: Actor, id: string): Promise<PanelDetail> {
  const { panel, manage } = await reachablePanel(db, actor, id);
  const parts = await panelParts(db, id);
  const own = parts.members.filter((m) => m.userId === actor.userId).map((m) => m.id);
  return presentPanel(panel, parts, sheetsOf(parts), computeResults(parts), { userId: actor.userId, manage, abilities: panelAbilities(manage, panel.state === 'open', own) });
}
