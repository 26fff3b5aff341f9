import type { VisitListItem } from './types.ts';

/**
 * Whether a household matches what the worker typed: every word (split on spaces) must appear in the
 * address (building, unit, door: "3栋2单元 502") or in a member's name. The whole list is on the
 * phone (at most 1,000 households, fetched in one go and kept for offline use), so it is filtered here,
 * offline too, not on the server.
 */
export function matchesSearch(h: Pick<VisitListItem, 'address' | 'members'>, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = `${h.address} ${h.members.map((m) => m.name).join(' ')}`.toLowerCase();
  return words.every((w) => text.includes(w));
}
