import { describe, expect, it } from 'vitest';
import { matchesSearch } from './householdSearch.ts';

const h = (address: string, ...names: string[]) => ({ address, members: names.map((name) => ({ residentId: '', name, relation: '户主', tags: [], age: null, phoneMasked: null })) });

describe('searching the visit list (issue 15 item 16)', () => {
  const a = h('锦绣花园3栋2单元502', '张志刚', '李秀英');
  it('finds a household by building, unit, door or a member’s name', () => {
    for (const q of ['3栋', '2单元', '3栋2单元', '502', '张志刚', '秀英', '  3栋  502 ']) expect(matchesSearch(a, q)).toBe(true);
  });
  it('needs every word to match, and an empty search keeps every household', () => {
    expect(matchesSearch(a, '3栋 王')).toBe(false);
    expect(matchesSearch(a, '4栋')).toBe(false);
    expect(matchesSearch(a, '')).toBe(true);
    expect(matchesSearch(h('x1栋', 'Wang Fang'), 'wang')).toBe(true);
  });
});
