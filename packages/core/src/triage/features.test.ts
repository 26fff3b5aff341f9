import { describe, expect, it } from 'vitest';
import { triageFeatures } from './features.ts';

describe('triageFeatures', () => {
  it('cuts Han text into 1-, 2- and 3-grams, each once', () => {
    expect(triageFeatures('路灯坏').sort()).toEqual(['坏', '灯', '灯坏', '路', '路灯', '路灯坏'].sort());
    expect(triageFeatures('坏坏坏坏')).toEqual(['坏', '坏坏', '坏坏坏']);
  });

  it('turns numbers into one unit and Latin words into lower-cased tokens', () => {
    const f = triageFeatures('3栋12单元WiFi断了');
    expect(f).toContain('0栋0');
    expect(f).toContain('单元');
    expect(f).toContain('<wifi>断了');
    expect(f).not.toContain('3');
    expect(f).not.toContain('w');
  });

  it('folds full-width letters and digits typed on phones', () => {
    expect(triageFeatures('ＷＩＦＩ断了３天')).toEqual(triageFeatures('wifi断了3天'));
  });

  it('never lets an n-gram span punctuation, spaces or emoji', () => {
    const f = triageFeatures('漏水！楼上 不管😡真的');
    expect(f).toContain('漏水');
    expect(f).not.toContain('水楼');
    expect(f).not.toContain('上不');
    expect(f).not.toContain('管真');
  });

  it('has nothing to say about empty text, whitespace or symbols', () => {
    expect(triageFeatures('')).toEqual([]);
    expect(triageFeatures('  \n\t ')).toEqual([]);
    expect(triageFeatures('！！？？😡😡…')).toEqual([]);
  });

  it('does not choke on prototype-like words', () => {
    expect(triageFeatures('__proto__ constructor')).toEqual(['<proto>', '<constructor>']);
  });
});
