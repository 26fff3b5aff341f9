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
