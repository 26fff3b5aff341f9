import { ACTIONS } from '@gongzhi/core';
import type { SessionView } from '@gongzhi/contracts';
import type { Actor } from '../authz/actor.ts';
import { can } from '../authz/authorize.ts';

/** The signed-in user, their grants with names, and the actions they may take somewhere: pure shaping of loaded rows. */
export function presentSession(actor: Actor, user: SessionView['user'], grants: SessionView['grants'], csrfToken: string | null): SessionView {
  return {
    user,
    grants,
    can: ACTIONS.filter((a) => can(actor, a)),
    csrfToken,
  };
}
