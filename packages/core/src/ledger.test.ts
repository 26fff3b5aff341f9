import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LedgerError, balanceAfterApproval, dividendStatementLine, fenToYuan, levyOnTurnover, parseYuanToFen, dividendRate, reversePostings, validatePostings,
} from './ledger.ts';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerError);
    return (e as LedgerError).code;
  }
  return undefined;
}

describe('levyOnTurnover', () => {
  it('takes 3% rounded half up to the fen', () => {
    expect(levyOnTurnover(0n)).toBe(0n);
    expect(levyOnTurnover(100n)).toBe(3n);
    expect(levyOnTurnover(50n)).toBe(2n); // 1.5 → 2
    expect(levyOnTurnover(49n)).toBe(1n); // 1.47 → 1
    expect(levyOnTurnover(17n)).toBe(1n); // 0.51 → 1
    expect(levyOnTurnover(16n)).toBe(0n); // 0.48 → 0
    expect(levyOnTurnover(1_000_050n)).toBe(30_002n); // 30001.5 → 30002
    expect(levyOnTurnover(12_345_678n)).toBe(370_370n); // 370370.34
    expect(levyOnTurnover(10n ** 20n)).toBe(3n * 10n ** 18n);
  });

  it('honours another rate', () => {
    expect(levyOnTurnover(1000n, 250n)).toBe(25n);
    expect(levyOnTurnover(1000n, 0n)).toBe(0n);
  });

  it('refuses negative turnover and bad rates', () => {
    expect(code(() => levyOnTurnover(-1n))).toBe('LEDGER_NEGATIVE_TURNOVER');
    expect(code(() => levyOnTurnover(1.5 as unknown as bigint))).toBe('LEDGER_AMOUNT_NOT_INTEGER');
    expect(code(() => levyOnTurnover(1n, -1n))).toBe('LEDGER_BAD_RATE');
    expect(code(() => levyOnTurnover(1n, 10_001n))).toBe('LEDGER_BAD_RATE');
  });

  it('property: within half a fen of the exact 3%, ties up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (t) => {
        const levy = levyOnTurnover(t);
        const diff2 = levy * 200n - t * 6n; // 2 × 100 × (levy − 0.03t)
        expect(diff2 > -100n && diff2 <= 100n).toBe(true);
      }),
    );
  });
});

describe('validatePostings', () => {
  it('accepts balanced postings and returns the debits', () => {
    expect(validatePostings([{ amount: 500n }, { amount: -500n }])).toBe(500n);
    expect(validatePostings([{ amount: 300n }, { amount: 200n }, { amount: -500n }])).toBe(500n);
  });

  it('refuses bad transactions with a code', () => {
    expect(code(() => validatePostings([]))).toBe('LEDGER_TOO_FEW_POSTINGS');
    expect(code(() => validatePostings([{ amount: 1n }]))).toBe('LEDGER_TOO_FEW_POSTINGS');
    expect(code(() => validatePostings([{ amount: 1n }, { amount: -2n }]))).toBe('LEDGER_UNBALANCED');
    expect(code(() => validatePostings([{ amount: 0n }, { amount: 0n }]))).toBe('LEDGER_AMOUNT_ZERO');
    expect(code(() => validatePostings([{ amount: 1.5 as unknown as bigint }, { amount: -1n }]))).toBe('LEDGER_AMOUNT_NOT_INTEGER');
    expect(code(() => validatePostings([{ amount: 1 as unknown as bigint }, { amount: -1n }]))).toBe('LEDGER_AMOUNT_NOT_INTEGER');
  });

  it('property: reversing a valid transaction gives a valid one that cancels it', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 8 }), (debits) => {
        const total = debits.reduce((a, b) => a + b, 0n);
        const tx = [...debits.map((amount) => ({ amount })), { amount: -total }];
        expect(validatePostings(tx)).toBe(total);
        const rev = reversePostings(tx);
        expect(validatePostings(rev)).toBe(total);
        tx.forEach((p, i) => expect(p.amount + rev[i]!.amount).toBe(0n));
      }),
    );
  });
});

describe('fen text', () => {
  it('parses yuan to fen exactly and refuses the rest', () => {
    expect(parseYuanToFen('288')).toBe(28_800n);
    expect(parseYuanToFen('0.05')).toBe(5n);
    expect(parseYuanToFen(' 12.3 ')).toBe(1_230n);
    expect(parseYuanToFen(12.34)).toBe(1_234n);
    expect(parseYuanToFen('99999999999999999999.99')).toBe(9_999_999_999_999_999_999_999n);
    for (const bad of ['0', '-1', '1.234', '1e3', '', 'abc', '.5', '5.', NaN, 0.1 + 0.2, -3]) {
      expect(parseYuanToFen(bad as string)).toBeNull();
    }
  });

  it('formats fen as yuan', () => {
    expect(fenToYuan(0n)).toBe('0.00');
    expect(fenToYuan(5n)).toBe('0.05');
    expect(fenToYuan(28_800n)).toBe('288.00');
    expect(fenToYuan(-1_230n)).toBe('-12.30');
  });

  it('property: format then parse round-trips', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n }), (f) => {
      expect(parseYuanToFen(fenToYuan(f))).toBe(f);
    }));
  });

  it('computes THE rate per m², the one stored, shown and printed on every statement line', () => {
    expect(dividendRate(40_000n, 10_000n)).toEqual({ tenThousandthsYuan: 40_000n, wholeFen: true, text: '4.00' }); // ¥400 over 100 m²
    // ¥1 over 300 m²: 0.33 fen/m². Rounded to the fen it read "0" on the page while the lines read 0.0033.
    expect(dividendRate(100n, 30_000n)).toEqual({ tenThousandthsYuan: 33n, wholeFen: false, text: '0.0033' });
    expect(dividendRate(1_000n, 6_000n)).toEqual({ tenThousandthsYuan: 1_667n, wholeFen: false, text: '0.1667' }); // 16.67 fen
    expect(dividendRate(1n, 40_000n).text).toBe('0.0000'); // 0.0025 fen/m² rounds half up to 0.00
    expect(dividendRate(1n, 20_000n).text).toBe('0.0001'); // 0.005 fen/m², exactly half, rounds up
    expect(code(() => dividendRate(1n, 0n))).toBe('LEDGER_BAD_RATE');
    // Whatever the inputs, the statement line prints exactly the rate the dividend carries.
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (total, area) => {
      const line = dividendStatementLine(area, total, area, total);
      expect(line).toContain(`¥${dividendRate(total, area).text}/m²`);
    }));
  });

  it('writes an owner’s statement line a reader can check by hand', () => {
    // ¥400 over 100 m²: ¥4.00/m², and 72 m² get exactly ¥288.00.
    expect(dividendStatementLine(7_200n, 40_000n, 10_000n, 28_800n)).toBe('72 m² × ¥4.00/m² = ¥288.00');
    expect(dividendStatementLine(8_937n, 40_000n, 10_000n, 35_748n)).toBe('89.37 m² × ¥4.00/m² = ¥357.48');
    expect(dividendStatementLine(7_250n, 40_000n, 10_000n, 29_000n)).toBe('72.5 m² × ¥4.00/m² = ¥290.00');
    // ¥100 over 30,000 m²: 0.33… fen/m² shows to 0.01 fen, and a rounded share reads ≈.
    expect(dividendStatementLine(7_250n, 10_000n, 3_000_000n, 24n)).toBe('72.5 m² × ¥0.0033/m² ≈ ¥0.24');
    // …while a share that happens to be whole keeps "=" (72 m² × 1/3 fen = 24 fen exactly).
    expect(dividendStatementLine(7_200n, 10_000n, 3_000_000n, 24n)).toBe('72 m² × ¥0.0033/m² = ¥0.24');
    // ¥10 over 300 m²: 3.33… fen/m²; 100 m² get exactly a third, ¥3.33 and a fen's remainder.
    expect(dividendStatementLine(10_000n, 1_000n, 30_000n, 334n)).toBe('100 m² × ¥0.0333/m² ≈ ¥3.34');
    expect(code(() => dividendStatementLine(1n, 1n, 1n, 0n))).toBeUndefined();
    expect(code(() => dividendStatementLine(1n, 1n, 0n, 0n))).toBe('LEDGER_BAD_RATE');
  });
});

describe('negative list', () => {
  it('flags the three kinds and lets the rest through', async () => {
    const { negativeListReason } = await import('./fundCategories.ts');
    expect(negativeListReason('物业费')).toBe('private_cost');
    expect(negativeListReason('公房维修')).toBe('owned_cost');
    expect(negativeListReason('人员补贴')).toBe('government_duty');
    expect(negativeListReason('网格员津贴')).toBe('government_duty');
    expect(negativeListReason('活动')).toBeNull();
    expect(negativeListReason('助老')).toBeNull();
    // Other names for the same costs, and costs named only in the reason.
    expect(negativeListReason('物业服务费')).toBe('private_cost');
    expect(negativeListReason('property fee')).toBe('private_cost');
    expect(negativeListReason('Property management fees')).toBe('private_cost');
    expect(negativeListReason('其他', '', '代缴2026年物业费', '')).toBe('private_cost');
    expect(negativeListReason('设施', '楼道照明', '垫付住户家的电费', '')).toBe('private_cost');
    expect(negativeListReason('维修', '3 栋屋面', '直管公房屋面漏水维修', '')).toBe('owned_cost');
    expect(negativeListReason('服务', '', '发放网格员 11 月补贴', '')).toBe('government_duty');
    expect(negativeListReason('服务', '', '社区工作人员加班费', '')).toBe('government_duty');
    expect(negativeListReason('其他', '', 'staff allowances for November', '')).toBe('government_duty');
    // A subsidy to residents is a service, not a staff allowance; a fee a service charges is not rent.
    expect(negativeListReason('助老', '助餐', '老年助餐补贴', '望平社区老年协会')).toBeNull();
    expect(negativeListReason('活动', '邻里节', '租用音响设备，场地租金 300 元', '')).toBeNull();
    // Ordinary community costs that merely share a word with the list (found in review).
    for (const text of ['Sewage drain clearing', '单元门禁维修（已过保修期）', '电梯超出保修期后的维修', '缴纳活动场地租金',
      'rent a sound system for the neighbourhood festival', '居民活动中心电费', '社区活动室水电费', '施工人员工资（劳务费）', '保洁员工资', '购买社工服务项目补贴']) {
      expect(negativeListReason('服务', '', text, ''), text).toBeNull();
    }
    expect(negativeListReason('其他', '', '垫付 3 户居民家庭的水电费', '')).toBe('private_cost');
    expect(negativeListReason('维修', '', '开发商保修期内的渗漏维修', '')).toBe('owned_cost');
    expect(negativeListReason('补贴')).toBe('government_duty');
    expect(negativeListReason('其他', '', '为困难户代缴房屋租金', '')).toBe('private_cost');
    expect(negativeListReason('环境', '院落微更新', '院坝地面修补', '绿荫园艺')).toBeNull();
  });
});

describe('balanceAfterApproval (issue 15 item 3: the approver sees the balance after payment)', () => {
  it('pays an expense or a dividend out of the balance', () => {
    expect(balanceAfterApproval(10_000n, 'expense', 2_500n)).toBe(7_500n);
    expect(balanceAfterApproval(10_000n, 'dividend', 10_000n)).toBe(0n);
  });
  it('undoes what the original did to the bank: a donation leaves again, an expense comes back', () => {
    expect(balanceAfterApproval(10_000n, 'reversal', 2_500n, 2_500n)).toBe(7_500n);
    expect(balanceAfterApproval(10_000n, 'reversal', 2_500n, -2_500n)).toBe(12_500n);
  });
  it('refuses a reversal without its original', () => {
    expect(code(() => balanceAfterApproval(1n, 'reversal', 1n))).toBe('LEDGER_AMOUNT_NOT_INTEGER');
  });
  it('is exact on any amount (no floats)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), (b, a) => {
      expect(balanceAfterApproval(b, 'expense', a) + a).toBe(b);
      expect(balanceAfterApproval(b, 'reversal', a, -a)).toBe(b + a);
    }));
  });
});
