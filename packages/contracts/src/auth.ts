import { z } from 'zod';
import { ACTIONS, ROLES } from '@gongzhi/core';

export const SignInBody = z.object({
  phone: z.string().min(1).max(32),
  password: z.string().min(1).max(200),
});

export const GrantView = z.object({
  id: z.uuid().optional(),
  role: z.enum(ROLES),
  regionId: z.uuid().nullable(),
  regionPath: z.string().nullable(),
  regionName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
});

/** The signed-in user as the web sees them, with what they may do anywhere. */
export const SessionView = z.object({
  user: z.object({ id: z.uuid(), name: z.string(), phoneMasked: z.string(), demo: z.boolean() }),
  grants: z.array(GrantView),
  /** Actions allowed somewhere in the actor's scope; the UI hides the rest. */
  can: z.array(z.enum(ACTIONS)),
  csrfToken: z.string().nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

export const CreateTokenBody = z.object({ name: z.string().trim().min(1).max(80), expiresInDays: z.number().int().min(1).max(3650).optional() });
export const TokenView = z.object({
  id: z.uuid(), name: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
});
export const CreatedToken = TokenView.extend({ token: z.string() });
