import { describe, expect, it } from 'vitest';
import { categoryByCode } from './categories.ts';
import { TRIAGE_CORPUS, TRIAGE_TEST_SET, holdOutEvery } from './corpus.ts';
import { train } from './model.ts';
import type { TriageExample } from './model.ts';
import { defaultTriageModel, suggestTriage, suggestTriageWith } from './suggest.ts';

const accuracy = (examples: readonly TriageExample[], judge: (e: TriageExample) => boolean) =>
  examples.filter(judge).length / examples.length;

describe('suggestTriage on requests it has never seen', () => {
  it('gets at least 85% of matter classes and 60% of categories right on the held-out set', { timeout: 30_000 }, () => {
    const matter = accuracy(TRIAGE_TEST_SET, (e) => suggestTriage(e.text).matter === e.matter);
    const category = accuracy(TRIAGE_TEST_SET, (e) => suggestTriage(e.text).category === e.category);
    console.log(
      `triage held-out (${TRIAGE_TEST_SET.length} requests, trained on ${TRIAGE_CORPUS.length}): ` +
        `matter ${(matter * 100).toFixed(1)}%, category ${(category * 100).toFixed(1)}%`,
    );
    expect(matter).toBeGreaterThanOrEqual(0.85);
    expect(category).toBeGreaterThanOrEqual(0.6);
  });

  it('also does on every fifth corpus request when trained on the other four', { timeout: 30_000 }, () => {
    const { train: rest, test } = holdOutEvery(TRIAGE_CORPUS);
    const model = train(rest);
    const matter = accuracy(test, (e) => suggestTriageWith(model, e.text).matter === e.matter);
    const category = accuracy(test, (e) => suggestTriageWith(model, e.text).category === e.category);
    console.log(`triage every-5th split (${test.length} requests): matter ${(matter * 100).toFixed(1)}%, category ${(category * 100).toFixed(1)}%`);
    expect(matter).toBeGreaterThanOrEqual(0.85);
    expect(category).toBeGreaterThanOrEqual(0.6);
  });

  it('has a confidence that means something', () => {
    const rows = TRIAGE_TEST_SET.map((e) => {
      const s = suggestTriage(e.text);
      return { right: s.matter === e.matter, confidence: s.confidence };
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const acc = mean(rows.map((r) => (r.right ? 1 : 0)));
    // On average as sure as it is right, within five points (naive Bayes alone claims ~100%).
    expect(Math.abs(mean(rows.map((r) => r.confidence)) - acc)).toBeLessThan(0.05);
    // Sure when right, unsure when wrong.
    expect(mean(rows.filter((r) => r.right).map((r) => r.confidence))).toBeGreaterThan(
      mean(rows.filter((r) => !r.right).map((r) => r.confidence)) + 0.15,
    );
    const sure = rows.filter((r) => r.confidence >= 0.9);
    expect(sure.length).toBeGreaterThan(rows.length / 2);
    expect(mean(sure.map((r) => (r.right ? 1 : 0)))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('suggestTriage', () => {
  it.each([
    ['马路上的井盖丢了，晚上很危险', 'big', 'municipal', 'shizheng'],
    ['我们小区停水一整天了，也没通知', 'big', 'utilities', 'utilities'],
    ['公司拖欠工资三个月', 'big', 'labour', 'renshe'],
    ['楼道里堆满了杂物，消防隐患', 'small', 'corridor', undefined],
    ['楼上卫生间漏水渗到我家天花板', 'small', 'neighbours', undefined],
    ['我们老楼想加装电梯', 'small', 'elevator', undefined],
    ['我家马桶堵了，找个师傅', 'private', 'home_repair', undefined],
    ['想给孩子找个数学家教', 'private', 'life_services', undefined],
  ])('sorts %j as %s / %s', (text, matter, category, department) => {
    const s = suggestTriage(text);
    expect(s).toMatchObject({ matter, category });
    expect(s.department).toBe(department);
    expect(s.confidence).toBeGreaterThan(0.5);
  });

  it('always gives a category of the suggested matter, and its department', () => {
    for (const e of [...TRIAGE_TEST_SET, ...TRIAGE_CORPUS.slice(0, 200)]) {
      const s = suggestTriage(e.text);
      const c = categoryByCode(s.category!);
      expect(c, e.text).toBeDefined();
      expect(c!.matter, e.text).toBe(s.matter);
      expect(s.department, e.text).toBe(c!.department?.code);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it.each(['', '   ', '\n\t', '！！！', '😡😡😡', '…'])('leaves %j with the community, unsure and uncategorised', (text) => {
    expect(suggestTriage(text)).toEqual({ matter: 'small', confidence: 0 });
  });

  it('treats a non-string as empty rather than throwing', () => {
    expect(suggestTriage(undefined as unknown as string)).toEqual({ matter: 'small', confidence: 0 });
  });

  it('is deterministic and trains the default model once', { timeout: 30_000 }, () => {
    const text = '3栋2单元楼道灯坏了好几天';
    expect(suggestTriage(text)).toEqual(suggestTriage(text));
    expect(defaultTriageModel()).toBe(defaultTriageModel());
    expect(suggestTriageWith(train(TRIAGE_CORPUS), text)).toEqual(suggestTriage(text));
  });
});

describe('retraining from staff corrections', () => {
  it('fixes a request it got wrong once staff have corrected it', { timeout: 30_000 }, () => {
    const wrong = TRIAGE_TEST_SET.find((e) => suggestTriage(e.text).matter !== e.matter);
    expect(wrong, 'the held-out set should have at least one miss to learn from').toBeDefined();
    const retrained = train([...TRIAGE_CORPUS, wrong!, wrong!]);
    expect(suggestTriageWith(retrained, wrong!.text)).toMatchObject({ matter: wrong!.matter, category: wrong!.category });
    // and it has not forgotten the rest
    expect(accuracy(TRIAGE_TEST_SET, (e) => suggestTriageWith(retrained, e.text).matter === e.matter)).toBeGreaterThanOrEqual(0.85);
  });

  it('follows a district that makes lift installation a big matter', { timeout: 30_000 }, () => {
    // A district whose catalogue sends lift installation to 住建 relabels those requests and
    // retrains; a policy change against thirty-odd shipped examples needs the shipped ones
    // relabelled too, not just a few new corrections.
    const text = '我们单元想加装电梯，去哪里申请';
    expect(suggestTriage(text).matter).toBe('small');
    const relabelled = TRIAGE_CORPUS.map((e) =>
      e.text.includes('加装电梯') ? { ...e, matter: 'big' as const, category: 'housing', department: 'zhujian' } : e,
    );
    const model = train(relabelled);
    expect(suggestTriageWith(model, text)).toMatchObject({ matter: 'big', category: 'housing', department: 'zhujian' });
    expect(suggestTriageWith(model, '加装电梯的费用怎么分摊')).toMatchObject({ matter: 'big', category: 'housing' });
    // a broken lift is still the compound's business
    expect(suggestTriageWith(model, '电梯坏了三天没人修')).toMatchObject({ matter: 'small', category: 'elevator' });
  });
});
