/**
 * Passwords people pick first, refused whatever other rule they pass. The base list holds the most
 * frequent entries of the public breach-corpus rankings (the NCSC/"have i been pwned" top lists,
 * SecLists' 10k-most-common, the 2011 CSDN/Tianya leaks for Chinese users), compiled by hand into
 * the repository — no download at run time. Variants (a word plus a year, 123, 1314, 520 …) are
 * generated, because those are how people pass a "letters and digits" rule.
 */
const BASE = `
123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 1qaz2wsx 111111 12345 1234567 1234567890 000000 123123
abc123 password1 password123 iloveyou admin admin123 welcome welcome1 monkey dragon letmein football baseball
sunshine princess master shadow superman batman trustno1 qwertyuiop asdfghjkl zxcvbnm zxcvbnm1 qazwsx qazwsxedc
1q2w3e 1q2w3e4r5t q1w2e3r4 q1w2e3r4t5 a1b2c3d4 passw0rd p@ssw0rd p@ssword pa55word password! Password1 Password123
abcd1234 abc12345 abc123456 a1234567 a12345678 a123456789 aa123456 aa12345678 qq123456 qwe123456 qwe12345 asd123456
zxc123456 asdf1234 zxcv1234 qwer1234 test1234 test123456 root1234 admin888 admin1234 admin12345 administrator
woaini1314 woaini520 woaini123 woaini521 5201314 1314520 love1314 iloveyou1 iloveyou123 woaiwojia wodemima
aini1314 a5201314 zhang123 wang1234 li123456 liu123456 chen1234 huang123 zhao1234 yang1234 wuhan123 beijing2008
china123 zhongguo1 beijing123 shanghai123 chengdu123 sichuan123 shequ123 wangge123
11111111 88888888 66666666 12341234 11223344 123321 654321 987654321 147258369 159753 159357 147258 741852963
qwerty1 qwerty12 qwerty1234 1qazxsw2 2wsx3edc zaq12wsx zaq1xsw2 1qaz2wsx3edc qwe123qwe asd123asd 123qwe 123qweasd
123qweasdzxc qweasdzxc qweasd123 1234qwer 123abc 123456a 123456aa 123456abc 12345678a 123456789a a123123 abc123abc
hello123 hello1234 hellokitty michael jennifer jordan23 charlie1 thomas12 daniel123 jessica1 ashley12 buster12
summer2024 summer2025 winter2025 spring2026 autumn2025 computer1 internet1 whatever1 starwars1 pokemon1 minecraft1
google123 baidu123 tencent123 weixin123 wechat123 alipay123 taobao123 qq1234567 user1234 guest123 changeme1 default1
secret123 access14 mustang1 killer123 soccer123 hockey12 freedom1 ginger12 cookie123 loveme12 flower12 angel123
`;

const WORDS = ['password', 'passw0rd', 'admin', 'qwerty', 'abc', 'abcd', 'iloveyou', 'woaini', 'love', 'test', 'user', 'root',
  'welcome', 'letmein', 'monkey', 'dragon', 'master', 'hello', 'zhongguo', 'china', 'beijing',
  'chengdu', 'shanghai', 'qq', 'a', 'aa', 'aaa', 'asd', 'zxc', 'qwe', 'pass', 'mima', 'wodemima', 'woaiwojia'];
const SUFFIXES = ['1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '2020', '2021', '2022', '2023',
  '2024', '2025', '2026', '520', '521', '1314', '5201314', '888', '8888', '666', '6666', '000', '111', '007', '01', '!', '123!'];

let common: Set<string> | undefined;

/** The set of refused passwords (lower-cased), built on first use. */
function commonSet(): Set<string> {
  if (!common) {
    common = new Set(BASE.split(/\s+/).filter(Boolean).map((p) => p.toLowerCase()));
    for (const w of WORDS) for (const s of SUFFIXES) common.add(w + s);
  }
  return common;
}

/**
 * True when the password is a well-known one, ignoring case: on the list, one character repeated,
 * a run of consecutive digits or letters, or a keyboard row.
 */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (commonSet().has(p)) return true;
  if (/^(.)\1*$/.test(p)) return true;
  const runs = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
  return runs.some((r) => r.includes(p));
}

/** How many base entries the list holds (for the README and tests). */
export function commonPasswordCount(): number {
  return commonSet().size;
}
