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
