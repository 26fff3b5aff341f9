import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    [' 13812345678 ', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138 - 1234 - 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['138\u30001234\u30005678', '13812345678'], // full-width space from a Chinese IME
    ['138－1234－5678', '13812345678'], // full-width dash
    ['138\t1234\n5678', '13812345678'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('accepts every second digit from 3 to 9', () => {
    for (let d = 3; d <= 9; d++) expect(normalizePhone(`1${d}012345678`)).toBe(`1${d}012345678`);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['second digit 0', '10012345678'],
    ['second digit 1', '11012345678'],
    ['second digit 2', '12012345678'],
    ['not starting with 1', '23812345678'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['landline', '02888888888'],
    ['landline with dash', '028-88888888'],
    ['letters', '1381234567a'],
    ['brackets', '(138)12345678'],
    ['dots', '138.1234.5678'],
    ['plus without 86', '+13812345678'],
    ['other country code', '+85213812345678'],
    ['+86 and 0086 both', '+86008613812345678'],
    ['86 twice', '868613812345678'],
    ['+ in the middle', '138+12345678'],
    ['leading 0 (trunk prefix)', '013812345678'],
    ['full-width digits', '１３８１２３４５６７８'],
    ['extension', '13812345678 ext 12'],
  ])('rejects %s', (_label, input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('rejects non-strings at run time', () => {
    expect(normalizePhone(13812345678 as unknown as string)).toBeNull();
    expect(normalizePhone(undefined as unknown as string)).toBeNull();
  });
});
