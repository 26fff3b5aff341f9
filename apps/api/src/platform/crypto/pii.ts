import { maskPhone, normalizePhone } from '@gongzhi/core';
import type { ErrorCode } from '@gongzhi/contracts';
import type { Vault } from './vault.ts';

/** The stored form of a phone number: encrypted value, keyed hash for lookup, masked copy for lists. */
export interface PhoneColumns { phoneHash: string; phoneCipher: string; phoneMasked: string }

/** Outcome of checking one personal field: the columns to store, or the error to report. */
export type Checked<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; params?: Record<string, unknown> };

/**
 * Validates a mainland mobile number and seals it for storage. Accounts, residents and reporters all
 * store phones this way, so the same number finds the same hash wherever it was written.
 */
export function sealPhone(vault: Vault, raw: string): Checked<PhoneColumns> {
  const phone = normalizePhone(raw);
  if (!phone) return { ok: false, code: 'PHONE_INVALID' };
  return { ok: true, value: { phoneHash: vault.hash(phone), phoneCipher: vault.encrypt(phone), phoneMasked: maskPhone(phone) } };
}
