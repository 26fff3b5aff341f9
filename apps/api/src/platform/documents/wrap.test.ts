import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapText } from './wrap.ts';

/** A monospace stand-in for a font: Latin 1 unit, CJK and full-width 2 units. */
const measure = (s: string) => Array.from(s).reduce((w, ch) => w + (/\p{Script=Han}|[\u2E80-\uFFEF]/u.test(ch) ? 2 : 1), 0);

describe('wrapText', () => {
  it('breaks Latin text between words only', () => {
    expect(wrapText('the quick brown fox jumps', 10, measure)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('exactly ten', 11, measure)).toEqual(['exactly ten']);
    expect(wrapText('aaaa bbbb', 9, measure)).toEqual(['aaaa bbbb']);
    expect(wrapText('aaaa bbbb', 8, measure)).toEqual(['aaaa', 'bbbb']);
  });

  it('keeps ASCII punctuation inside its word (3.14, e.g., URLs)', () => {
    expect(wrapText('pi is 3.14159 e.g.', 8, measure)).toEqual(['pi is', '3.14159', 'e.g.']);
  });

  it('breaks Chinese between any two characters', () => {
    // 2 units each: 5 characters per 10 units
    expect(wrapText('社区志愿服务证明书', 10, measure)).toEqual(['社区志愿服', '务证明书']);
    expect(wrapText('一二三四', 8, measure)).toEqual(['一二三四']);
  });

  it('mixes Chinese and Latin: a Latin word moves whole, Chinese fills up to it', () => {
    expect(wrapText('累计服务 120 小时', 10, measure)).toEqual(['累计服务', '120 小时']);
    expect(wrapText('参加Volunteer活动', 12, measure)).toEqual(['参加', 'Volunteer活', '动']);
  });

  it('hangs closing punctuation instead of starting a line with it', () => {
    // '，' would start line 2; it stays on line 1, past the margin
    expect(wrapText('一二三四五，六七', 10, measure)).toEqual(['一二三四五，', '六七']);
    // two closing marks in a row both hang
    expect(wrapText('一二三四五。」六', 10, measure)).toEqual(['一二三四五。」', '六']);
  });

  it('carries an opening mark to the next line instead of ending a line with it', () => {
    // '《' fits on line 1 but would end it; it moves down with the title it opens
    expect(wrapText('一二三四《五六》', 10, measure)).toEqual(['一二三四', '《五六》']);
    expect(wrapText('他说：“你好”', 8, measure)).toEqual(['他说：', '“你好”']);
  });

  it('cuts a word longer than a line between its characters', () => {
    expect(wrapText('see https://example.org/very/long/path ok', 10, measure))
      .toEqual(['see', 'https://ex', 'ample.org/', 'very/long/', 'path ok']);
    expect(wrapText('abcdefghij', 3, measure)).toEqual(['abc', 'def', 'ghi', 'j']);
  });

  it('keeps newlines as line breaks and empty lines as empty lines', () => {
    expect(wrapText('第一行\n\n第三行', 100, measure)).toEqual(['第一行', '', '第三行']);
    expect(wrapText('a\r\nb\rc', 100, measure)).toEqual(['a', 'b', 'c']);
    expect(wrapText('', 100, measure)).toEqual(['']);
  });

  it('drops spaces at the start and end of wrapped lines and treats tabs as spaces', () => {
    expect(wrapText('   aaa   bbb   ', 5, measure)).toEqual(['aaa', 'bbb']);
    expect(wrapText('a\tb', 5, measure)).toEqual(['a b']);
  });

  it('handles characters outside the basic plane as one character', () => {
    expect(wrapText('𠀀𠀁𠀂', 4, measure)).toEqual(['𠀀𠀁', '𠀂']);
  });
});

describe('wrapText (fast-check properties)', () => {
  const piece = fc.oneof(
    fc.constantFrom('社', '区', '志', '愿', '，', '。', '《', '》', '“', '”', '（', '）', '：'),
    fc.stringMatching(/^[a-z0-9.,:/-]{1,14}$/),
    fc.constant(' '),
  );
  const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
  const width = fc.integer({ min: 4, max: 40 });
  const closing = new Set([...'，。、；：！？）」』》〉】〕］｝’”…—·％']);

  it('loses no character and adds none (only spaces at breaks go)', () => {
    fc.assert(fc.property(text, width, (t, w) => {
      expect(wrapText(t, w, measure).join('').replace(/ /g, '')).toBe(t.replace(/ /g, ''));
    }));
  });

  it('no line is wider than the limit, except by hanging closing punctuation', () => {
    fc.assert(fc.property(text, width, (t, w) => {
      for (const line of wrapText(t, w, measure)) {
        const chars = Array.from(line);
        // hanging marks, and any spaces they hang after
        while (chars.length > 1 && (closing.has(chars[chars.length - 1]!) || chars[chars.length - 1] === ' ')) chars.pop();
        // an opening mark carried down may push a line one mark over
        const carried = chars.length > 0 && '《“（'.includes(chars[0]!) ? 2 : 0;
        expect(measure(chars.join(''))).toBeLessThanOrEqual(w + carried);
      }
    }));
  });

  it('no wrapped line starts with a space or closing punctuation, or ends with a space', () => {
    fc.assert(fc.property(text, width, (t, w) => {
      const lines = wrapText(t, w, measure);
      lines.forEach((line, i) => {
        expect(line.startsWith(' ')).toBe(false);
        expect(line.endsWith(' ')).toBe(false);
        if (i > 0 && line) expect(closing.has(Array.from(line)[0]!)).toBe(false);
      });
    }));
  });
});
