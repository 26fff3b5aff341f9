import { describe, expect, it } from 'vitest';
import { normaliseText } from './text.ts';

describe('normaliseText', () => {
  it('turns lone surrogates into U+FFFD and keeps pairs (emoji) whole', () => {
    const body = { a: '\uD800 x', b: ['ok', 'end \uDC00'], c: { d: '😀 \uD83D\uDE00' }, n: 3, t: true, z: null };
    const { value, nulAt } = normaliseText(body);
    expect(value).toEqual({ a: '\uFFFD x', b: ['ok', 'end \uFFFD'], c: { d: '😀 😀' }, n: 3, t: true, z: null });
    expect(nulAt).toBeNull();
  });

  it('points at the first string holding a NUL', () => {
    expect(normaliseText({ a: 'x', list: [{ note: 'a\u0000b' }] }).nulAt).toBe('/list/0/note');
    expect(normaliseText('\u0000').nulAt).toBe('/');
  });

  it('walks a body nested far deeper than the call stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(normaliseText(deep).nulAt).toBe(`${'/0'.repeat(100_000)}`);
  });
});
