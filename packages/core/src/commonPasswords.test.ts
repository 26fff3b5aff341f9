import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword } from './commonPasswords.ts';

describe('common passwords', () => {
  it('refuses the list, its variants, repeats, runs and keyboard rows, ignoring case', () => {
    for (const p of ['password1', 'Password123', 'woaini1314', '1qaz2wsx', 'Admin2026', 'QWERTY123', 'aaaaaaaa', '12345678', 'abcdefgh', 'asdfghjkl']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(commonPasswordCount()).toBeGreaterThan(1000);
  });
  it('lets uncommon passwords through', () => {
    for (const p of ['gongzhi2026', 'Wangge2026', 'tq7-Lm3x-Pz', '社区共治2026ab']) expect(isCommonPassword(p), p).toBe(false);
  });
});
