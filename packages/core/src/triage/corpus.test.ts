import { describe, expect, it } from 'vitest';
import { CATEGORIES, MATTERS, categoryByCode } from './categories.ts';
import { TRIAGE_CORPUS, TRIAGE_TEST_SET, holdOutEvery } from './corpus.ts';

/** Text with punctuation, spaces and case removed, to catch near-copies between the two sets. */
const squash = (t: string) => t.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

describe('the training corpus', () => {
  it('has at least 700 requests, about 30 per category, in every matter class', () => {
    expect(TRIAGE_CORPUS.length).toBeGreaterThanOrEqual(700);
    for (const c of CATEGORIES) {
      expect(TRIAGE_CORPUS.filter((e) => e.category === c.code).length, c.code).toBeGreaterThanOrEqual(20);
    }
    for (const m of MATTERS) expect(TRIAGE_CORPUS.filter((e) => e.matter === m).length, m).toBeGreaterThanOrEqual(100);
  });

  it('labels each request consistently with the catalogue', () => {
    for (const e of [...TRIAGE_CORPUS, ...TRIAGE_TEST_SET]) {
      const c = categoryByCode(e.category!);
      expect(c, e.text).toBeDefined();
      expect(e.matter, e.text).toBe(c!.matter);
      expect(e.department, e.text).toBe(c!.department?.code);
      expect(e.text.trim(), e.text).toBe(e.text);
      expect(e.text.length, e.text).toBeGreaterThanOrEqual(3);
    }
  });

  it('has no duplicates', () => {
    const seen = new Set(TRIAGE_CORPUS.map((e) => squash(e.text)));
    expect(seen.size).toBe(TRIAGE_CORPUS.length);
  });

  it('is varied: short and long, numbers, Latin letters, emoji, hotline and grid-worker voices', () => {
    const texts = TRIAGE_CORPUS.map((e) => e.text);
    const count = (re: RegExp) => texts.filter((t) => re.test(t)).length;
    expect(texts.filter((t) => t.length <= 16).length).toBeGreaterThanOrEqual(100);
    expect(texts.filter((t) => t.length >= 35).length).toBeGreaterThanOrEqual(50);
    expect(count(/\d/)).toBeGreaterThanOrEqual(60);
    expect(count(/[A-Za-z]/)).toBeGreaterThanOrEqual(15);
    expect(count(/\p{Extended_Pictographic}/u)).toBeGreaterThanOrEqual(8);
    expect(count(/市民来电|来电人|网格员|巡查/)).toBeGreaterThanOrEqual(30);
  });
});

describe('the held-out test set', () => {
  it('has at least 150 requests covering every category', () => {
    expect(TRIAGE_TEST_SET.length).toBeGreaterThanOrEqual(150);
    for (const c of CATEGORIES) {
      expect(TRIAGE_TEST_SET.filter((e) => e.category === c.code).length, c.code).toBeGreaterThanOrEqual(5);
    }
  });

  it('shares no request with the training corpus, even up to punctuation and case', () => {
    const training = new Set(TRIAGE_CORPUS.map((e) => squash(e.text)));
    for (const e of TRIAGE_TEST_SET) expect(training.has(squash(e.text)), e.text).toBe(false);
    expect(new Set(TRIAGE_TEST_SET.map((e) => squash(e.text))).size).toBe(TRIAGE_TEST_SET.length);
  });

  it('mostly shares no long phrase with the training corpus', () => {
    // An 8-character run in common suggests a paraphrase too close to be a fair test.
    const grams = new Set<string>();
    for (const e of TRIAGE_CORPUS) {
      const t = squash(e.text);
      for (let i = 0; i + 8 <= t.length; i++) grams.add(t.slice(i, i + 8));
    }
    const close = TRIAGE_TEST_SET.filter((e) => {
      const t = squash(e.text);
      for (let i = 0; i + 8 <= t.length; i++) if (grams.has(t.slice(i, i + 8))) return true;
      return false;
    });
    expect(close.length / TRIAGE_TEST_SET.length).toBeLessThan(0.05);
  });
});

describe('holdOutEvery', () => {
  it('holds out every n-th example', () => {
    expect(holdOutEvery([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 5)).toEqual({ train: [1, 2, 3, 4, 6, 7, 8, 9, 11], test: [5, 10] });
    const { train, test } = holdOutEvery(TRIAGE_CORPUS);
    expect(train.length + test.length).toBe(TRIAGE_CORPUS.length);
    expect(test.length).toBe(Math.floor(TRIAGE_CORPUS.length / 5));
  });
});
