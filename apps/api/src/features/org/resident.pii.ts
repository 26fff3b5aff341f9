import { ageInYears, maskIdNumber, validateIdNumber } from '@gongzhi/core';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Checked } from '../../platform/crypto/pii.ts';

// Phones are sealed alike for accounts and residents: the platform owns that, the register re-exports it.
export { sealPhone, type Checked, type PhoneColumns } from '../../platform/crypto/pii.ts';

/** Columns derived from an ID number: encrypted value, keyed hash, masked copy, and what it tells. */
export interface IdColumns { idHash: string; idCipher: string; idMasked: string; gender: 'male' | 'female'; birthDate: string }

const ID_REASON_ZH: Record<string, string> = { format: '格式应为 18 位', checksum: '校验位不符', birth_date: '出生日期无效' };

/** Validates an ID number (checksum, birth date) and seals it for storage. */
export function sealIdNumber(vault: Vault, raw: string, today = new Date()): Checked<IdColumns> {
  const v = validateIdNumber(raw, today);
  if (!v.ok) return { ok: false, code: 'ID_NUMBER_INVALID', params: { reason: ID_REASON_ZH[v.reason] ?? v.reason, reasonCode: v.reason } };
  return { ok: true, value: { idHash: idHashOf(vault, v.id), idCipher: vault.encrypt(v.id), idMasked: maskIdNumber(v.id), gender: v.gender, birthDate: v.birthDate } };
}

/** The keyed hash under which an ID number is stored, for duplicate checks. */
export function idHashOf(vault: Vault, id: string): string {
  return vault.hash(`id:${id}`);
}

/** Whole years between a birth date (YYYY-MM-DD) and today's date in China (birthdays turn at China's midnight). */
export function ageOn(birthDate: string | null, today = new Date()): number | null {
  return birthDate ? ageInYears(birthDate, today) : null;
}
