import { describe, expect, it } from 'vitest';
import { TRIAGE_CORPUS } from './corpus.ts';
import { predict, train } from './model.ts';
import type { TriageExample, TriageModel } from './model.ts';

const TINY: TriageExample[] = [
  { text: '马路上的井盖丢了', matter: 'big', category: 'municipal', department: 'shizheng' },
  { text: '路灯坏了一整排', matter: 'big', category: 'municipal', department: 'shizheng' },
  { text: '大街上井盖松动', matter: 'big', category: 'municipal', department: 'shizheng' },
  { text: '楼道里堆满杂物', matter: 'small', category: 'corridor' },
  { text: '楼道杂物没人清', matter: 'small', category: 'corridor' },
  { text: '邻居在楼道堆东西', matter: 'small', category: 'corridor' },
  { text: '我家马桶堵了', matter: 'private', category: 'home_repair' },
  { text: '家里马桶不通', matter: 'private', category: 'home_repair' },
  { text: '我家水龙头漏水', matter: 'private', category: 'home_repair' },
];

// Training on the whole corpus takes a few hundred milliseconds: the tests that only read the
// model share one, trained once per file on first use.
let corpusModel: TriageModel | undefined;
const trainedOnCorpus = (): TriageModel => (corpusModel ??= train(TRIAGE_CORPUS));

describe('train and predict', () => {
  it('learns from a handful of examples', () => {
    const model = train(TINY);
    expect(predict(model, '井盖不见了')).toMatchObject({ matter: 'big', category: 'municipal', department: 'shizheng' });
    expect(predict(model, '楼道堆了好多杂物')).toMatchObject({ matter: 'small', category: 'corridor' });
    expect(predict(model, '马桶堵住了')).toMatchObject({ matter: 'private', category: 'home_repair' });
    expect(predict(model, '马桶堵住了').department).toBeUndefined();
  });

  it('gives probabilities that sum to one, with the chosen one as confidence', { timeout: 30_000 }, () => {
    const model = trainedOnCorpus();
    for (const text of ['井盖丢了', '楼上漏水', '想找个家教', '😡', '今天天气不错']) {
      const p = predict(model, text);
      const sum = p.matterProbabilities.big + p.matterProbabilities.small + p.matterProbabilities.private;
      expect(sum).toBeCloseTo(1, 9);
      expect(p.confidence).toBe(p.matterProbabilities[p.matter]);
      expect(p.confidence).toBeGreaterThanOrEqual(1 / 3);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.categoryConfidence).toBeGreaterThan(0);
      expect(p.categoryConfidence).toBeLessThanOrEqual(1);
    }
  });

  it('falls back to the priors for text with no usable characters', { timeout: 30_000 }, () => {
    const model = trainedOnCorpus();
    const p = predict(model, '！！！😡😡');
    expect(p.hasFeatures).toBe(false);
    expect(predict(model, '').matterProbabilities).toEqual(p.matterProbabilities);
    // the corpus has more big matters than any other, so with no evidence the prior says big
    expect(p.matter).toBe('big');
  });

  it('produces a plain JSON model that predicts the same after a round trip', { timeout: 30_000 }, () => {
    const model = trainedOnCorpus();
    const copy = JSON.parse(JSON.stringify(model));
    expect(copy).toEqual(model);
    for (const e of TRIAGE_CORPUS.slice(0, 50)) expect(predict(copy, e.text)).toEqual(predict(model, e.text));
    expect(model.format).toBe('gongzhi-triage-nb');
    expect(model.matter.classes).toEqual(['big', 'private', 'small']);
    expect(model.matter.temperature).toBeGreaterThan(1); // naive Bayes needed tempering
  });

  it('trains the same model whatever the order of the examples', { timeout: 30_000 }, () => {
    const forward = trainedOnCorpus();
    const backward = train([...TRIAGE_CORPUS].reverse());
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('learns what each category means by majority, department included', () => {
    const model = train([...TINY, { text: '井盖被偷了', matter: 'small', category: 'municipal' }]);
    expect(model.categories.municipal).toEqual({ matter: 'big', department: 'shizheng' });
    expect(model.categories.corridor).toEqual({ matter: 'small' });
  });

  it('keeps category codes as plain keys, even odd ones', () => {
    const model = train([
      ...TINY,
      { text: '奇怪的类别', matter: 'small', category: '__proto__' },
      { text: '另一个类别', matter: 'small', category: 'constructor' },
    ]);
    expect(Object.keys(model.categories)).toContain('__proto__');
    expect(model.categories.constructor).toEqual({ matter: 'small' });
    expect(predict(model, '奇怪的类别').matter).toBe('small');
  });

  it('works without categories', () => {
    const model = train(TINY.map(({ text, matter }) => ({ text, matter })));
    expect(model.category).toBeNull();
    const p = predict(model, '井盖不见了');
    expect(p.matter).toBe('big');
    expect(p.category).toBeUndefined();
  });

  it('skips blank examples and refuses to train on nothing', () => {
    expect(train([...TINY, { text: '   ', matter: 'big' }]).matter.docCounts.reduce((a, b) => a + b)).toBe(TINY.length);
    expect(() => train([])).toThrow(RangeError);
    expect(() => train([{ text: ' ', matter: 'big' }])).toThrow(RangeError);
  });

  it('refuses bad input', () => {
    expect(() => train([{ text: '井盖', matter: 'huge' as 'big' }])).toThrow(/unknown matter/);
    expect(() => train(TINY, { alpha: 0 })).toThrow(RangeError);
    expect(() => train(TINY, { alpha: Number.NaN })).toThrow(RangeError);
  });

  it('uses temperature 1 when there is too little to cross-validate', { timeout: 30_000 }, () => {
    expect(train(TINY).matter.temperature).toBe(1);
    expect(train(TRIAGE_CORPUS, { folds: 0 }).matter.temperature).toBe(1);
  });
});
