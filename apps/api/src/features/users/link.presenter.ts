import type { z } from 'zod';
import type { LinkRequestView } from '@gongzhi/contracts';
import type { LinkRequestRow } from './link.repository.ts';

/** A link request as staff see it: the ID number masked, never sealed or hashed values. */
export function presentLinkRequest(r: LinkRequestRow, phoneMasked: string, communityName: string | null): z.infer<typeof LinkRequestView> {
  return {
    id: r.id, userId: r.userId, name: r.name, phoneMasked, idMasked: r.idMasked, communityId: r.communityId, communityName,
    state: r.state, reason: r.reason, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, residentId: r.residentId,
  };
}
