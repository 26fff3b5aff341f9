/**
 * Masked copies of personal data, shown to staff who may see that a resident exists but not who
 * exactly they are. Masks work on Unicode code points, not UTF-16 units, so a rare character from a
 * CJK extension (common in names) is never split into half a surrogate pair.
 */

const STAR = '*';

/**
 * The fewest characters a mask hides. Four hidden digits leave 10,000 candidates, the standard the
 * familiar `138****1234` phone mask sets; revealing more than that would make a mask guessable.
 */
const MIN_HIDDEN = 4;

/**
 * Keeps `head` leading and `tail` trailing characters and stars the rest, one star per hidden
 * character so the length still shows. Too short to hide {@link MIN_HIDDEN}: all stars.
 */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length - head - tail < MIN_HIDDEN) return STAR.repeat(chars.length);
  return chars.slice(0, head).join('') + STAR.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/**
 * Masks an ID number: first 3 and last 4 characters, the middle starred
 * (`510104199003071234` → `510***********1234`). Other lengths (old 15-digit numbers, passports)
 * follow the same rule, so no more than 7 characters are ever revealed; values too short to hide
 * at least 4 characters come back all stars.
 */
export function maskIdNumber(id: string): string {
  return keepEnds(id, 3, 4);
}

/**
 * Masks a phone number: first 3 and last 4 digits (`13812345678` → `138****1234`). Other lengths
 * keep the same ends; values too short to hide at least 4 digits come back all stars.
 */
export function maskPhone(phone: string): string {
  return keepEnds(phone, 3, 4);
}

/**
 * Two-character Chinese surnames. They are kept whole, as a one-character surname is, so that
 * 欧阳晓明 masks like 张晓明 (`欧阳*明` / `张*明`): surname shown, given name starred but its last
 * character.
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '申屠', '太史', '澹台',
  '公冶', '宗政', '濮阳', '淳于', '钟离', '闻人', '赫连', '司空', '拓跋', '第五',
]);

/**
 * Masks a personal name. The surname (first character, or a known two-character surname) stays;
 * a one-character given name is starred (`张*`, `欧阳*`); a longer one keeps its last character
 * (`张*明`, `欧阳*明`). Other names (transliterated or Latin) keep their first and last
 * characters: `阿卜杜拉·买买提` → `阿******提`. Leading and trailing spaces are ignored; a
 * one-character name becomes `*`.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return STAR;
  const compound = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!);
  const surname = compound ? 2 : 1;
  const given = chars.length - surname;
  if (given === 1) return chars.slice(0, surname).join('') + STAR;
  return chars.slice(0, surname).join('') + STAR.repeat(given - 1) + chars[chars.length - 1]!;
}

// Contact and identity numbers inside free text (a request's description, a reply, a comment).
// Order matters: an e-mail address may hold digits, an ID number is also a long digit run.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 18-digit resident ID (last character may be X) or the old 15-digit one, not inside a longer run. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
/** 16–19 digits, optionally grouped by single spaces or hyphens: a bank card. */
const CARD = /(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)/g;
/**
 * What people put between the groups of a phone number: a space, a hyphen, a dot, a middle dot, or
 * any dash (en, em, figure, minus, small and full-width forms; the full-width ones are folded first).
 */
const SEP = '[ .\\-\\u00B7\\u2010-\\u2015\\u2212\\u30FB\\uFE58\\uFE63]';
/** A mainland mobile (1[3-9]…, 11 digits), optionally +86 / 0086 and grouped 3-4-4 by any {@link SEP}. */
const MOBILE = new RegExp(`(?<!\\d)(?:(?:\\+|00)?86${SEP}?)?1[3-9]\\d(?:${SEP}?\\d{4}){2}(?!\\d)`, 'g');
/**
 * A landline with its area code (0 + 2–3 digits): 028-85551234, (028)85551234, 0755 1234567,
 * 028-8765-4321, 028.8765.4321; the 7–8 digit local number may itself be split once.
 */
const LANDLINE = new RegExp(`(?:\\(0\\d{2,3}\\)|(?<!\\d)0\\d{2,3})${SEP}?\\d{3,4}${SEP}?\\d{4}(?!\\d)`, 'g');
/** Whatever long digit run is left (a local number without its area code, an account number). */
const DIGIT_RUN = /\d{7,}/g;

/** Stars every digit of `s` but the last `tail` digits (separators kept, so the shape still reads). */
function starDigits(s: string, head: number, tail: number): string {
  const total = (s.match(/\d/g) ?? []).length;
  let seen = 0;
  return s.replace(/\d/g, (d) => {
    seen++;
    return seen <= head || seen > total - tail ? d : STAR;
  });
}

/**
 * A WeChat id written after its label (微信 / 微信号 / vx / wx / weixin / wechat, with or without a
 * colon): 6–20 characters, a letter first, then letters, digits, `_` or `-`. The label stays so the
 * reader knows what was hidden; only the id is matched.
 */
const WECHAT_LABELLED =
  /(?<=(?:微信号?|威信|薇信|(?<![A-Za-z])(?:v信|vx|wx|weixin|wechat)(?:号|\s*id)?)\s*[:：是为]?\s*)[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])/gi;
/** A system-made WeChat id (`wxid_…`) needs no label to be recognised. */
const WECHAT_WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]{4,}/gi;

/** Chinese digit characters; 〇 and 零 are both 0 (index mod 10). */
const CN_DIGITS = '零一二三四五六七八九〇';
/** Exactly eleven Chinese digits in a row: a mobile number written out (一三九一二三四五六七八). */
const CN_MOBILE = /(?<![〇零一二三四五六七八九])[〇零一二三四五六七八九]{11}(?![〇零一二三四五六七八九])/g;

/**
 * Full-width ASCII (U+FF01–U+FF5E) and the ideographic space folded by NFKC to their ASCII forms.
 * Each of these folds to exactly one UTF-16 unit, so the folded text keeps every index of the
 * original and a match found in it names the same span in the original. Likewise a run of eleven
 * Chinese digits that reads as a mobile number is folded to ASCII digits, one for one.
 */
function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E\u3000]/g, (c) => c.normalize('NFKC'))
    .replace(CN_MOBILE, (m) => {
      const digits = Array.from(m, (c) => String(CN_DIGITS.indexOf(c) % 10)).join('');
      return /^1[3-9]/.test(digits) ? digits : m;
    });
}

/**
 * Replaces each match of `re` (global) found in the width-folded text by `mask(match)`. When the
 * mask keeps the length (it stars characters in place), the characters it kept come from the
 * original, so an unmasked full-width digit stays full-width; otherwise the mask's text is used.
 */
function maskMatches(text: string, re: RegExp, mask: (m: string) => string, keep?: (folded: string, start: number, end: number) => boolean): string {
  const folded = foldWidth(text);
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (keep?.(folded, start, end)) continue;
    const masked = mask(m[0]);
    out += text.slice(last, start);
    if (masked.length === m[0].length) {
      for (let i = 0; i < masked.length; i++) out += masked[i] === m[0][i] ? text[start + i]! : masked[i]!;
    } else {
      out += masked;
    }
    last = end;
  }
  return out + text.slice(last);
}

/** How {@link maskFreeText} treats numbers. */
export interface MaskOptions {
  /**
   * Money text (a fund's donor, purpose, payee): keep amounts readable. A number written as money
   * (after ¥ / ￥ / RMB, before 元 / 块 / 万, or with a decimal part) stays, and so does any digit run
   * that is not shaped like a phone, ID number or bank card. Phones, ID numbers, cards (16–19
   * digits), e-mails and WeChat ids are still masked.
   */
  keepAmounts?: boolean;
}

/** Whether the span [start, end) of the folded text is written as a sum of money. */
function isAmount(folded: string, start: number, end: number): boolean {
  const before = folded.slice(Math.max(0, start - 4), start).replace(/\s+$/, '');
  const after = folded.slice(end, end + 3).replace(/^\s+/, '');
  return /(?:[¥$]|RMB|CNY)$/i.test(before) || /^(?:\.\d|元|块|万)/.test(after);
}

/**
 * Masks the contact and identity numbers a resident may write into free text before anyone else
 * sees it: e-mail addresses (`z***@qq.com`), ID numbers (`510***********1234`), bank-card-like runs
 * of 16–19 digits (last 4 kept), mainland mobiles (`138****5678`, with or without +86 and
 * separators), landlines (area code kept, `028-****1234`), any other run of seven or more digits,
 * and WeChat ids (`微信号：zh*******88`, `wxid_…`). Matching sees full-width digits and letters as
 * their ASCII forms (NFKC), so `１３６１２３４５６７８` is masked too; the masked span is starred in
 * the original text. The rest of the text is untouched. Over-masking a long number that was
 * harmless is the accepted cost: this text is shown to people who must not learn who wrote it.
 */
export function maskFreeText(text: string, options: MaskOptions = {}): string {
  const keep = options.keepAmounts ? isAmount : undefined;
  let out = maskMatches(text, EMAIL, (m) => {
    const at = m.indexOf('@');
    return `${m[0]}${STAR.repeat(3)}${m.slice(at)}`;
  });
  out = maskMatches(out, WECHAT_WXID, (m) => `wxid_${STAR.repeat(Math.max(MIN_HIDDEN, m.length - 5))}`);
  out = maskMatches(out, WECHAT_LABELLED, (m) => keepEnds(m, 2, 2));
  out = maskMatches(out, ID_NUMBER, (m) => maskIdNumber(m), keep);
  out = maskMatches(out, CARD, (m) => starDigits(m, 0, 4), keep);
  out = maskMatches(
    out,
    MOBILE,
    (m) => {
      const digits = m.replace(/\D/g, '');
      // The country code is not part of the number: keep it, then the usual 3 + 4.
      const cc = digits.length > 11 ? digits.length - 11 : 0;
      return starDigits(m, cc + 3, 4);
    },
    keep,
  );
  out = maskMatches(
    out,
    LANDLINE,
    (m) => {
      const area = /^\(?(0\d{2,3})/.exec(m)![1]!.length;
      return starDigits(m, area, 4);
    },
    keep,
  );
  // A bare digit run that is no phone, ID or card shape is an amount or a reference in money text.
  if (options.keepAmounts) return out;
  return maskMatches(out, DIGIT_RUN, (m) => starDigits(m, 0, Math.min(4, m.length - MIN_HIDDEN)));
}

/**
 * Every form one of a person's numbers (phone, ID number) is written in: as given, digits only, and
 * masked as the register and {@link maskFreeText} mask it (`138****5678`, `510***********1234`),
 * since a masked tail beside their name still points at them.
 */
function numberForms(n: string): string[] {
  const digits = n.replace(/[^0-9Xx]/g, '');
  if (digits.length < 7) return [];
  return [...new Set([n.trim(), digits, maskFreeText(digits), keepEnds(digits, 3, 4)])].filter((f) => f.length >= 7);
}

/**
 * A person's free text after they are erased (PIPL art. 47): each of their `names` (at least two
 * characters, so a surname alone never wipes others' words) becomes `replacement`, each of their
 * `numbers` (phones, ID number) in any of its written or masked forms becomes `***`, and other
 * contact and identity numbers are masked as {@link maskFreeText} does.
 */
export function eraseFromText(text: string, names: readonly string[], replacement: string, numbers: readonly string[] = []): string {
  const forms = numbers.flatMap(numberForms).sort((a, b) => b.length - a.length);
  const scrub = (t: string) => forms.reduce((acc, f) => acc.split(f).join(STAR.repeat(3)), t);
  let out = scrub(text);
  for (const n of names) if (Array.from(n.trim()).length >= 2) out = out.split(n.trim()).join(replacement);
  return scrub(maskFreeText(out));
}

/** Whether `text` mentions one of a person's `names` (two characters or more) or `numbers` in any form. */
export function mentionsPerson(text: string, names: readonly string[], numbers: readonly string[] = []): boolean {
  return names.some((n) => Array.from(n.trim()).length >= 2 && text.includes(n.trim())) || numbers.flatMap(numberForms).some((f) => text.includes(f));
}
