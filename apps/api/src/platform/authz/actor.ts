import type { Role } from '@gongzhi/core';

/** One role held by the actor, with the region path (subtree) or organisation it is bound to. */
export interface Grant {
  role: Role;
  /** Region subtree the role covers; for organisation roles, the organisation's region. Null = everywhere. */
  regionPath: string | null;
  organisationId: string | null;
}

/** Who is acting: the signed-in user and their grants. */
export interface Actor {
  userId: string;
  name: string;
  residentId: string | null;
  grants: Grant[];
  /** How the actor authenticated: a browser session (CSRF-checked) or a bearer token. */
  via: 'session' | 'token' | 'system';
  /** Client address, recorded with audited actions. */
  ip?: string;
}

/** The actor for jobs and the command line: full access, recorded as 系统 in the audit log. */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  name: '系统',
  residentId: null,
  grants: [{ role: 'system_admin', regionPath: null, organisationId: null }],
  via: 'system',
};
