/**
 * Turning a request's text into features for the triage classifier.
 *
 * Chinese has no spaces, and residents' phrasing is short, colloquial and full of typos, so the text
 * is cut into 1–3-grams of characters rather than words (no dictionary to ship or to go stale);
 * Latin words and numbers become single units.
 */

const MAX_N = 3;
// Letters of alphabetic scripts (not Han), so "wifi断了" splits into "wifi" and 断, 了.
const UNIT = /(\p{Script=Han})|([^\P{L}\p{Script=Han}]+)|(\p{N}+)|([^\p{L}\p{N}]+)/gu;

/**
 * The features of a text: 1–3-grams over units, where a unit is a Han character, a lower-cased
 * word of another script (as `<word>`), or a number (as `0`: which building or how many days
 * rarely tells the class, but that there is a number, as in 3栋2单元, does). Punctuation, spaces and
 * emoji end a run, so n-grams never span them. Text is NFKC-normalised first, which folds
 * full-width letters and digits typed on phones.
 */
export function triageFeatures(text: string): string[] {
  const units: string[][] = [[]];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(UNIT)) {
    const run = units[units.length - 1]!;
    if (m[1]) run.push(m[1]);
    else if (m[2]) run.push(`<${m[2]}>`);
    else if (m[3]) run.push('0');
    else if (run.length) units.push([]);
  }
  const out = new Set<string>();
  for (const run of units) {
    for (let n = 1; n <= MAX_N; n++) {
      for (let i = 0; i + n <= run.length; i++) out.add(run.slice(i, i + n).join(''));
    }
  }
  return [...out];
}

