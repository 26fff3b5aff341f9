import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CheckKind } from '@gongzhi/contracts';
import type { Vault } from '../../platform/crypto/vault.ts';

/**
 * Check-in codes. The organiser's screen shows a QR of a signed token and, under it, a 6-character
 * short form for people who type it.
 *
 * - The token is `base64url(JSON {a: activity, k: in|out, t: issued-at seconds, n: nonce}).signature`,
 *   signed with HMAC-SHA-256 under the server's secret (the vault's keyed hash), so it cannot be forged
 *   or moved to another activity, and it expires VALID_SECONDS after it was issued.
 * - The short code is an HMAC truncation of (activity, kind, 20-second window): nothing is stored, yet
 *   without the server's secret it cannot be worked out, and it is bound to the activity and to time.
 *   Codes of the last three windows are accepted (the same ~60 s as a token). Six characters of a
 *   32-letter alphabet are 2^30 values, so guessing the few live codes of one activity is hopeless at
 *   the rate a person can type. We chose this over a table of issued codes because a room full of
 *   phones checks in at once and a stateless check costs no write.
 *
 * One code is shown to a whole room, so "no reuse" is per person: the sign-up row records the check-in
 * and a second one is refused.
 */
export const WINDOW_SECONDS = 20;
/** How long a code is accepted after it was shown. */
export const VALID_SECONDS = 60;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const sign = (vault: Vault, payload: string) => vault.hash(`activity-code/v1|${payload}`);

/** The short code of one activity, kind and window. */
export function shortCodeFor(vault: Vault, activityId: string, kind: CheckKind, window: number): string {
  const mac = Buffer.from(sign(vault, `${activityId}|${kind}|${window}`), 'base64url');
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[mac[i]! % 32];
  return out;
}

/** A fresh code for the organiser's screen. */
export function issueCode(vault: Vault, activityId: string, kind: CheckKind, now: Date) {
  const t = Math.floor(now.getTime() / 1000);
  const payload = Buffer.from(JSON.stringify({ a: activityId, k: kind, t, n: randomBytes(6).toString('base64url') })).toString('base64url');
  return {
    kind, token: `${payload}.${sign(vault, payload)}`, shortCode: shortCodeFor(vault, activityId, kind, Math.floor(t / WINDOW_SECONDS)),
    expiresAt: new Date((t + VALID_SECONDS) * 1000).toISOString(), refreshAfterSeconds: WINDOW_SECONDS,
  };
}

/** What a code presented for `activityId` turned out to be. */
export type CodeCheck = { ok: true; kind: CheckKind } | { ok: false; reason: 'expired' | 'invalid' };

/** Constant-time comparison; lengths compared in bytes, as timingSafeEqual needs (typed text may be any Unicode). */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies a scanned token or a typed short code for `activityId` at `now`. A code of another
 * activity, a tampered token or a made-up short code is invalid; a genuine one past its time expired.
 */
export function verifyCode(vault: Vault, activityId: string, code: string, now: Date): CodeCheck {
  const nowS = Math.floor(now.getTime() / 1000);
  const trimmed = code.trim();
  if (trimmed.includes('.')) {
    const [payload = '', sig = ''] = trimmed.split('.');
    if (!same(sig, sign(vault, payload))) return { ok: false, reason: 'invalid' };
    let p: { a?: unknown; k?: unknown; t?: unknown };
    try { p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof p; } catch { return { ok: false, reason: 'invalid' }; }
    if (p.a !== activityId || (p.k !== 'in' && p.k !== 'out') || typeof p.t !== 'number') return { ok: false, reason: 'invalid' };
    // A token from the future (clock games) is as good as forged.
    if (p.t > nowS + 5) return { ok: false, reason: 'invalid' };
    if (nowS - p.t > VALID_SECONDS) return { ok: false, reason: 'expired' };
    return { ok: true, kind: p.k };
  }
  const typed = trimmed.toUpperCase();
  if (!/^[A-Z0-9]{6}$/.test(typed)) return { ok: false, reason: 'invalid' };
  const w = Math.floor(nowS / WINDOW_SECONDS);
  const live = VALID_SECONDS / WINDOW_SECONDS;
  // The last hour's windows tell an expired code from a wrong one.
  for (let back = 0; back < 3600 / WINDOW_SECONDS; back++) {
    for (const kind of ['in', 'out'] as const) {
      if (same(typed, shortCodeFor(vault, activityId, kind, w - back))) return back < live ? { ok: true, kind } : { ok: false, reason: 'expired' };
    }
  }
  return { ok: false, reason: 'invalid' };
}
