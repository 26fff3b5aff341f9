import { childPathLength, summarise, type ProgressCounts } from '@gongzhi/core';
import type { Progress, ProgressNode } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import { rollUp, type GroupCounts } from './instructions.repository.ts';

const ZERO: ProgressCounts = { microgrids: 0, workers: 0, acked: 0, households: 0, reached: 0, notHome: 0, refused: 0, unstaffed: 0 };

function add(a: ProgressCounts & { unfinished: number }, b: GroupCounts) {
  return {
    microgrids: a.microgrids + b.microgrids, workers: a.workers + b.workers, acked: a.acked + b.acked, households: a.households + b.households,
    reached: a.reached + b.reached, notHome: a.notHome + b.notHome, refused: a.refused + b.refused, unstaffed: a.unstaffed + b.unstaffed, unfinished: a.unfinished + b.unfinished,
  };
}

/**
 * Progress of one node of the tree: its totals and one line per child region, from a single
 * roll-up of the per-micro-grid counters (a micro-grid node has no children).
 */
export async function progressOf(db: Db, instr: { id: string; deadline: Date }, path: string, now: Date): Promise<Progress> {
  const isLeaf = path.length >= 18;
  const { groups, node: self } = await rollUp(db, instr.id, path, isLeaf ? path.length : childPathLength(path));
  const node = (p: string, c: ProgressCounts & { unfinished: number }, n: { name: string | null; level: string | null } | null): ProgressNode => {
    const { unfinished, microgrids, workers, acked, households, reached, notHome, refused, unstaffed } = c;
    return { path: p, name: n?.name ?? p, level: n?.level ?? '', ...summarise({ microgrids, workers, acked, households, reached, notHome, refused, unstaffed }, unfinished, instr.deadline, now) };
  };
  const total = groups.reduce(add, { ...ZERO, unfinished: 0 });
  return {
    instructionId: instr.id,
    node: node(path, total, self),
    children: isLeaf ? [] : groups.map((g) => node(g.path, g, g)),
    at: now.toISOString(),
  };
}
