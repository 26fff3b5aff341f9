import { boolean, index, integer, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns.ts';

/** People who sign in. Phones are stored encrypted, with a keyed hash for lookup and a masked copy. */
export const users = pgTable('users', {
  id: id(),
  name: text('name').notNull(),
  phoneHash: text('phone_hash').notNull(),
  phoneCipher: text('phone_cipher').notNull(),
  phoneMasked: text('phone_masked').notNull(),
  passwordHash: text('password_hash').notNull(),
  residentId: uuid('resident_id'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Demo accounts are marked so the UI and README can say they are not real people. */
  demo: boolean('demo').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_phone_hash_uq').on(t.phoneHash)]);

/** Browser sessions: the cookie carries a random token; only its hash is stored. */
export const sessions = pgTable('sessions', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)]);

/** Bearer tokens for machine clients. */
export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]);

/**
 * One-time SMS codes for sign-up and password reset. Only a keyed hash of the code is kept; a code
 * lives minutes, is used once, and allows a few wrong tries before it is burnt and the phone locked.
 */
export const phoneCodes = pgTable('phone_codes', {
  id: id(),
  phoneHash: text('phone_hash').notNull(),
  purpose: text('purpose').$type<'signup' | 'reset'>().notNull(),
  codeHash: text('code_hash').notNull(),
  ip: text('ip'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  usedAt: timestamp('used_at', { withTimezone: true }),
  /** Set when the wrong tries ran out: no code for this phone and purpose is sent or accepted until then. */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
}, (t) => [index('phone_codes_phone_idx').on(t.phoneHash, t.purpose, t.createdAt), index('phone_codes_ip_idx').on(t.ip, t.createdAt)]);
