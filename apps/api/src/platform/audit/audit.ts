import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db/client.ts';
import type { Actor } from '../authz/actor.ts';
import { auditLog } from './audit.table.ts';

/**
 * Every audit action, one key each (the value is unused). Empty here, because the platform never
 * imports features: each feature declares its own actions as a union in `<f>.audit.ts` and adds them
 * to this interface by declaration merging, so `audit()` and `auditRow()` reject an action string no
 * feature declared. The strings are kept exactly as stored: tests and the audit page read them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AuditActions {}

/** One action the audit log knows: the union of every feature's `<F>AuditAction`. */
export type AuditAction = keyof AuditActions & string;

/** Who an audit row names: an actor, or someone without an account (e.g. a resident's personal link). */
export interface AuditAuthor {
  userId: string | null;
  name: string;
  via?: Actor['via'];
  ip?: string | null;
}

/** One audited event. Personal data never goes into `details`; before/after are stored as digests only. */
export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  regionPath?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

/** SHA-256 of a canonical JSON form (sorted keys), so equal states give equal digests. */
export function digest(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The audit row for an entry, for callers that write it as part of a larger statement. */
export function auditRow(actor: AuditAuthor, entry: AuditEntry): typeof auditLog.$inferInsert & { action: AuditAction } {
  return {
    actorId: actor.via === 'system' ? null : actor.userId,
    actorName: actor.name,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    regionPath: entry.regionPath ?? null,
    beforeDigest: digest(entry.before),
    afterDigest: digest(entry.after),
    details: entry.details ?? null,
    ip: actor.ip ?? null,
  };
}

/**
 * Writes the audit row in the caller's transaction, so the change and its record commit together.
 * The one writer of audit rows: a hot path that folds the row into a larger statement builds it with
 * {@link auditRow} instead.
 */
export async function audit(tx: DbOrTx, actor: AuditAuthor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(auditRow(actor, entry));
}
