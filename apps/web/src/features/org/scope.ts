import { roleAllows } from '@gongzhi/core';
import type { SessionView } from '../../api/types.ts';

/**
 * True when the user can open a region with this code: one of their region-reading roles covers it.
 * Breadcrumbs link only such ancestors, since the rest would answer "not found".
 */
export function canOpenRegion(session: SessionView, code: string): boolean {
  return session.grants.some(
    (g) => roleAllows(g.role, 'region.read') && (g.role === 'system_admin' || (g.regionPath !== null && code.startsWith(g.regionPath))),
  );
}
