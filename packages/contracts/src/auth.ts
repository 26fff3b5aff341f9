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

// ---- issue 14 · item 3: sign-up and password reset by SMS code, change password ----

/** A phone asking for a one-time code (sign-up or password reset). */
export const PhoneCodeBody = z.object({ phone: z.string().trim().min(1).max(32) });
/** The same answer whether or not the phone has an account: a code request reveals nothing. */
export const CodeSentView = z.object({ sent: z.literal(true), ttlSeconds: z.number().int(), resendAfterSeconds: z.number().int() });

const Code = z.string().trim().regex(/^\d{6}$/);
/** Sign-up after the code arrived: the code, the new password and who the person is in the register. */
export const SignUpBody = z.object({
  phone: z.string().trim().min(1).max(32), code: Code, password: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(50), idNumber: z.string().trim().min(1).max(32),
  /** The community the person lives in; a worker there answers a link request when no entry matches. */
  communityId: z.uuid(),
});
export const SignedUpView = SessionView.extend({
  /** True when the account was linked to a register entry at once; false while a worker reviews the link request. */
  linked: z.boolean(),
});
export const ResetPasswordBody = z.object({ phone: z.string().trim().min(1).max(32), code: Code, password: z.string().min(1).max(200) });
export const ChangePasswordBody = z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
/** A community one may sign up in (public: names only). */
export const SignUpCommunity = z.object({ id: z.uuid(), name: z.string(), districtName: z.string().nullable() });
