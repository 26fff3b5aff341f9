import { describe, expect, it } from 'vitest';
import { eraseFromText, mentionsPerson, maskFreeText, maskIdNumber, maskName, maskPhone } from './mask.ts';

/** Characters of `masked` that are not stars: what the mask reveals. */
const revealed = (masked: string) => Array.from(masked).filter((c) => c !== '*').length;

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 of an 18-character ID with 11 stars between', () => {
    expect(maskIdNumber('510104199003071234')).toBe('510***********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('masks an old 15-digit number the same way', () => {
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
  });

  it('keeps the ends down to 11 characters, where 4 stay hidden', () => {
    expect(maskIdNumber('12345678901')).toBe('123****8901');
    expect(maskIdNumber('123456789012')).toBe('123*****9012');
  });

  it.each(['', '1', '1234', '1234567', '12345678', '1234567890'])('stars all of the short value %j', (v) => {
    expect(maskIdNumber(v)).toBe('*'.repeat(v.length));
  });

  it('never reveals more than 7 characters and always hides at least 4, at any length', () => {
    for (let n = 0; n <= 40; n++) {
      const v = 'A'.repeat(n);
      const m = maskIdNumber(v);
      expect(m).toHaveLength(n);
      expect(revealed(m)).toBeLessThanOrEqual(7);
      expect(n - revealed(m)).toBeGreaterThanOrEqual(Math.min(n, 4));
    }
  });

  it('counts code points, not UTF-16 units', () => {
    expect(maskIdNumber('𠀀'.repeat(12))).toBe(`${'𠀀'.repeat(3)}*****${'𠀀'.repeat(4)}`);
  });
});

describe('maskPhone', () => {
  it('masks an 11-digit mobile as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('19900000001')).toBe('199****0001');
  });

  it('keeps the same ends on longer values', () => {
    expect(maskPhone('8613812341234')).toBe('861******1234');
  });

  it.each(['', '138', '1381234', '1381234123'])('stars all of the short value %j', (v) => {
    expect(maskPhone(v)).toBe('*'.repeat(v.length));
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张晓明', '张*明'],
    ['张晓小明', '张**明'],
    ['欧阳晓明', '欧阳*明'],
    ['欧阳明', '欧阳*'],
    ['司马相如', '司马*如'],
    ['诸葛孔明', '诸葛*明'],
    ['欧阳', '欧*'], // two characters: surname plus one, never both revealed
    ['阿卜杜拉·买买提', '阿******提'],
    ['Li Lei', 'L****i'],
    ['Al', 'A*'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('masks a one-character name entirely and leaves an empty one empty', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('   ')).toBe('');
  });

  it('ignores surrounding spaces', () => {
    expect(maskName('  张晓明 ')).toBe('张*明');
  });

  it('treats rare characters outside the BMP as single characters', () => {
    expect(maskName('𠇔晓明')).toBe('𠇔*明');
    expect(maskName('张𪚥')).toBe('张*');
    expect(maskName('张𪚥明')).toBe('张*明');
  });

  it('always hides at least one character of names longer than one', () => {
    for (const name of ['张三', '张晓明', '欧阳晓明', '欧阳明', 'Abcdefgh']) {
      expect(revealed(maskName(name))).toBeLessThan(Array.from(name).length);
    }
  });
});

describe('maskFreeText', () => {
  const cases: [string, string][] = [
    ['电话13812345678请联系', '电话138****5678请联系'],
    ['电话 138-1234-5678', '电话 138-****-5678'],
    ['电话 138 1234 5678', '电话 138 **** 5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['+8613812345678', '+86138****5678'],
    ['座机028-85551234', '座机028-****1234'],
    ['座机(028)85551234', '座机(028)****1234'],
    ['座机 0755 1234567', '座机 0755 ***4567'],
    ['身份证510104199003071234', '身份证510***********1234'],
    ['身份证51010419900307123X。', '身份证510***********123X。'],
    ['身份证51010419900307123x', '身份证510***********123x'],
    ['旧证510104900307123', '旧证510********7123'],
    ['卡号6222 0212 3456 7890 123', '卡号**** **** **** ***0 123'],
    ['卡号6222021234567890', '卡号************7890'],
    ['邮箱 zhang.san@qq.com 谢谢', '邮箱 z***@qq.com 谢谢'],
    ['家里电话85551234', '家里电话****1234'],
    ['3号楼2单元502室漏水', '3号楼2单元502室漏水'],
    ['2026-05-01 起停水', '2026-05-01 起停水'],
    ['', ''],
  ];
  it.each(cases)('masks %s', (input, expected) => {
    expect(maskFreeText(input)).toBe(expected);
  });

  it('leaves no seven-digit run and never reveals more than 4 digits of a mobile beyond its prefix', () => {
    const text = '王阿姨13912345678，身份证110101195001011234，卡6217001234567890123，座机010-62345678，邮箱w@x.cn';
    const out = maskFreeText(text);
    expect(out).not.toMatch(/\d{5,}/);
    for (const secret of ['13912345678', '110101195001011234', '6217001234567890123', '62345678', 'w@x.cn']) expect(out).not.toContain(secret);
  });

  it.each([
    ['电话１３６１２３４５６７８', '电话１３６****５６７８'],
    ['身份证５１０１０４１９９００３０７１２３４', '身份证５１０***********１２３４'],
    ['邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', '邮箱z***@example.com'],
    ['微信 wxid_abc123', '微信 wxid_******'],
    ['加我wxid_abc123', '加我wxid_******'],
    ['微信号：zhang_san88', '微信号：zh*******88'],
    ['微信号是zhang_san88。', '微信号是zh*******88。'],
    ['vx: lisi-2024', 'vx: li*****24'],
    ['VX：ｌｉｓｉ２０２４ａｂ', 'VX：ｌｉ******ａｂ'],
    ['wechat id abcdefg1', 'wechat id ab****g1'],
  ])('masks full-width digits and WeChat ids: %s', (input, expected) => {
    expect(maskFreeText(input)).toBe(expected);
  });

  it.each([
    ['电话139.1234.5678', '电话139.****.5678'],
    ['电话0086-139.1234.5678', '电话0086-139.****.5678'],
    ['电话139—1234—5678', '电话139—****—5678'],
    ['电话139–1234–5678', '电话139–****–5678'],
    ['电话139－1234－5678', '电话139－****－5678'],
    ['电话139·1234·5678', '电话139·****·5678'],
    ['座机028-8765-4321', '座机028-****-4321'],
    ['座机028 8765 4321', '座机028 **** 4321'],
    ['座机0755—876—4321', '座机0755—***—4321'],
    ['电话一三九一二三四五六七八', '电话一三九****五六七八'],
    ['电话一三九〇〇〇〇五六七八', '电话一三九****五六七八'],
  ])('masks dotted, dashed, landline and Chinese-numeral phones: %s', (input, expected) => {
    expect(maskFreeText(input)).toBe(expected);
  });

  it('leaves Chinese numerals that are no mobile number alone', () => {
    expect(maskFreeText('一二三四五六七八九十')).toBe('一二三四五六七八九十');
    expect(maskFreeText('二三九一二三四五六七八')).toBe('二三九一二三四五六七八');
  });

  it('keeps amounts with keepAmounts but still masks phones, IDs, cards, e-mails and WeChat ids', () => {
    const text = '赵六13922223333捐¥12345678.90，身份证510104199003071234，卡6222021234567890，邮箱zl@qq.com，微信号：zhaoliu88，共300000元，单号20261207001';
    expect(maskFreeText(text, { keepAmounts: true })).toBe(
      '赵六139****3333捐¥12345678.90，身份证510***********1234，卡************7890，邮箱z***@qq.com，微信号：zh*****88，共300000元，单号20261207001',
    );
    expect(maskFreeText('¥13912345678', { keepAmounts: true })).toBe('¥13912345678');
    expect(maskFreeText('¥12345678.90')).toBe('¥****5678.90');
  });

  it('leaves words that merely look like a label alone', () => {
    expect(maskFreeText('devx: something else')).toBe('devx: something else');
    expect(maskFreeText('微信群里说明天停水')).toBe('微信群里说明天停水');
  });
});

describe('eraseFromText', () => {
  it('replaces each name and masks the numbers, leaving a one-character name alone', () => {
    expect(eraseFromText('我是甄测试，电话13812345678；甄测试的家', ['甄测试', '甄'], '已注销居民')).toBe('我是已注销居民，电话138****5678；已注销居民的家');
  });

  it("removes the person's own numbers in every form, full or masked, and only masks others'", () => {
    const id = '510108196103044178';
    const text = `甄测试 13812345678，身份证 ${id}，证件 510***********4178，电话 138****5678；邻居 13900001111`;
    expect(eraseFromText(text, ['甄测试'], '已注销居民', ['13812345678', id]))
      .toBe('已注销居民 ***，身份证 ***，证件 ***，电话 ***；邻居 139****1111');
  });

  it('finds a mention by name or by any form of a number', () => {
    expect(mentionsPerson('电话 138****5678 来电', [], ['13812345678'])).toBe(true);
    expect(mentionsPerson('甄测试来过', ['甄测试'])).toBe(true);
    expect(mentionsPerson('甄来过 13900001111', ['甄'], ['13812345678'])).toBe(false);
  });
});
