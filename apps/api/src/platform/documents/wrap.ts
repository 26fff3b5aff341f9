/**
 * Line breaking for generated documents: Chinese (and Japanese, Korean, full-width punctuation)
 * may break between any two characters; Latin text breaks only between words, and a word longer
 * than a whole line is cut between its characters. Simple 禁则 (line-breaking rules) keep closing
 * punctuation off the start of a line — it hangs past the margin instead — and opening punctuation
 * off the end of one.
 *
 * Pure: widths come from the caller's `measure`, so this is tested without a font.
 */

/** Characters that may break on either side: CJK scripts, CJK symbols and full-width forms. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u2E80-\u2FFF\u3000-\u303F\u3200-\u33FF\uFE30-\uFE4F\uFF00-\uFFEF\u00B7\u2014\u2026\u2018\u2019\u201C\u201D]/u;
/** Wide marks that may not start a line (they close or follow something). */
const NO_START = new Set([...'，。、；：！？）」』》〉】〕］｝’”…—·％']);
/** Wide marks that may not end a line (they open something). */
const NO_END = new Set([...'（「『《〈【〔［｛‘“']);

interface Token {
  text: string;
  kind: 'space' | 'word' | 'wide';
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push({ text: word, kind: 'word' });
    word = '';
  };
  for (const ch of line) {
    if (/\s/u.test(ch)) {
      flush();
      out.push({ text: ' ', kind: 'space' });
    } else if (WIDE.test(ch)) {
      // ASCII punctuation stays inside its word ("3.14", "e.g.", a URL); wide marks are tokens.
      flush();
      out.push({ text: ch, kind: 'wide' });
    } else {
      word += ch;
    }
  }
  flush();
  return out;
}

/**
 * Splits `text` into lines no wider than `maxWidth` as measured by `measure` (a closing
 * punctuation mark may hang past it). Newlines in `text` are kept as line breaks, so an empty line
 * stays an empty line; tabs and other whitespace count as one space; spaces at the start and end of
 * a wrapped line are dropped.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const hard of text.replace(/\r\n?/g, '\n').split('\n')) out.push(...wrapLine(hard, maxWidth, measure));
  return out;
}

function wrapLine(hard: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line: Token[] = [];
  let width = 0;
  const widthOf = (t: Token) => measure(t.text);
  const close = () => {
    while (line.length && line[line.length - 1]!.kind === 'space') line.pop();
    lines.push(line.map((t) => t.text).join(''));
    line = [];
    width = 0;
  };
  const push = (t: Token) => {
    if (t.kind === 'space' && line.length === 0) return;
    line.push(t);
    width += widthOf(t);
  };
  /** Breaks before `t`, carrying a trailing opening mark (“, 《, …) over to the new line. */
  const breakBefore = () => {
    const carried: Token[] = [];
    while (line.length > 1 && NO_END.has(line[line.length - 1]!.text)) carried.unshift(line.pop()!);
    close();
    carried.forEach(push);
  };

  for (const t of tokens(hard)) {
    if (t.kind === 'space') {
      push(t); // dropped at the start of a line
      continue;
    }
    const w = widthOf(t);
    // `width` includes spaces before `t`: they stay if `t` joins this line.
    if (line.length > 0 && width + w > maxWidth) {
      if (t.kind === 'wide' && NO_START.has(t.text)) {
        // 禁则: a closing mark never starts a line; it hangs past the end of this one.
        push(t);
        continue;
      }
      breakBefore();
    }
    if (t.kind === 'word' && w > maxWidth) splitLongWord(t.text, maxWidth, measure, push, close, () => width);
    else push(t);
  }
  if (line.length > 0 || lines.length === 0) close();
  return lines;
}

/** A word wider than a line (a URL, a long number) is cut between characters. */
function splitLongWord(
  word: string, maxWidth: number, measure: (s: string) => number,
  push: (t: Token) => void, close: () => void, width: () => number,
): void {
  for (const ch of word) {
    const w = measure(ch);
    if (width() > 0 && width() + w > maxWidth) close();
    push({ text: ch, kind: 'word' });
  }
}
