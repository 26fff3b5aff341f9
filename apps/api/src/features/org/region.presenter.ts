import type { RegionSummary } from '@gongzhi/contracts';
import type { Counts, RegionRow } from './region.repository.ts';

const ZERO: Counts = { children: 0, buildings: 0, households: 0, residents: 0 };

/** A region as lists show it. */
export function presentRegion(r: RegionRow, counts: Map<string, Counts>): RegionSummary {
  return {
    id: r.id, parentId: r.parentId, level: r.level, code: r.code, name: r.name,
    retired: r.retiredAt !== null, counts: counts.get(r.code) ?? ZERO,
  };
}
