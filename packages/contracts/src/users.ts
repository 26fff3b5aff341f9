import { z } from 'zod';
import { ROLES } from '@gongzhi/core';
import { GrantView } from './auth.ts';

export const GrantBody = z.object({
  role: z.enum(ROLES),
  regionId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
});
export const UserView = z.object({
  id: z.uuid(), name: z.string(), phone: z.string(), disabled: z.boolean(), demo: z.boolean(),
  lastLoginAt: z.string().nullable(), grants: z.array(GrantView),
});
export const UserListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});
export const CreateUserBody = z.object({
  name: z.string().trim().min(1).max(50), phone: z.string().trim().max(30), password: z.string().min(1).max(200),
  grants: z.array(GrantBody).max(20).default([]),
});
export const UpdateUserBody = z.object({
  name: z.string().trim().min(1).max(50).optional(), password: z.string().min(1).max(200).optional(), disabled: z.boolean().optional(),
});

export const AuditEntryView = z.object({
  id: z.uuid(), at: z.string(), actorId: z.uuid().nullable(), actorName: z.string(), action: z.string(),
  subjectType: z.string(), subjectId: z.string().nullable(), regionPath: z.string().nullable(),
  beforeDigest: z.string().nullable(), afterDigest: z.string().nullable(), details: z.unknown().nullable(), ip: z.string().nullable(),
});
export const AuditQuery = z.object({
  actorId: z.uuid().optional(), action: z.string().max(100).optional(), subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(), from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});

// ---- issue 14 · item 3: linking accounts to the register ----

export const LINK_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
/** A signed-up account waiting for a community worker to link it to a register entry. */
export const LinkRequestView = z.object({
  id: z.uuid(), userId: z.uuid(), name: z.string(), phoneMasked: z.string(), idMasked: z.string().nullable(),
  communityId: z.uuid(), communityName: z.string().nullable(), state: z.enum(LINK_REQUEST_STATES),
  /** Why it was not linked at once: nothing matched name + ID number, or the entry already has an account. */
  reason: z.string(), createdAt: z.string(), decidedAt: z.string().nullable(), residentId: z.uuid().nullable(),
});
export const LinkRequestQuery = z.object({
  state: z.enum(LINK_REQUEST_STATES).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});
/** Approve: link to an existing entry, or create a new entry in a household the worker chooses. */
export const ApproveLinkBody = z.union([
  z.object({ residentId: z.uuid() }),
  z.object({ householdId: z.uuid(), relation: z.string().trim().min(1).max(20) }),
]);
export const RejectLinkBody = z.object({ reason: z.string().trim().min(1).max(500) });
/** Link a resident's entry to the account that uses this phone. */
export const LinkAccountBody = z.object({ phone: z.string().trim().min(1).max(32) });
/** The account linked to a resident's entry, if any. */
export const ResidentAccountView = z.object({
  account: z.object({ userId: z.uuid(), name: z.string(), phoneMasked: z.string() }).nullable(),
});
