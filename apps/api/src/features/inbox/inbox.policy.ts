import type { Actor } from '../../platform/authz/actor.ts';
import type { Recipient } from './inbox.repository.ts';

/**
 * Whose messages an actor reads: their own, nobody else's — no role reads another person's inbox
 * (an administrator included: the outbox's delivery record is for operators, not this page). Pure.
 */
export const recipientOf = (actor: Actor): Recipient => ({ userId: actor.userId, residentId: actor.residentId });
