import { describe, expect, it } from 'vitest';
import {
  ASSEMBLY_MATTER_KINDS, OwnersVoteError, formatArea, groupUnitsByOwners, matterMajority, ownerSetKey, ownersOfKey, parseArea, quorumShortfall,
  tallyOwnersVote, type OwnersVoteBallot, type OwnersVoteChoice, type OwnersVoteUnit,
} from './ownersVote.ts';

/** n owners, one unit each, all of the same area. */
function owners(n: number, area = '100'): OwnersVoteUnit[] {
  return Array.from({ length: n }, (_, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, area }));
}
/** Ballots from owners o{from}..o{from+n-1}. */
function votes(n: number, choice: OwnersVoteChoice, from = 0): OwnersVoteBallot[] {
  return Array.from({ length: n }, (_, i) => ({ ownerId: `o${from + i}`, choice }));
}
function code(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { return e instanceof OwnersVoteError ? e.code : `not typed: ${String(e)}`; }
  return undefined;
}

describe('parseArea / formatArea', () => {
  it.each([['89', 8900n], ['89.3', 8930n], ['89.37', 8937n], ['0', 0n], ['0.01', 1n], ['007.5', 750n],
    ['123456789012345678.99', 12345678901234567899n]])('parses %j as %s', (s, v) => {
    expect(parseArea(s)).toBe(v);
  });
  it.each(['', ' ', ' 1', '1 ', '-1', '-0.01', '+1', '1e3', '1E3', 'abc', '89.371', '89.', '.5', '1,000',
    '0x10', 'NaN', 'Infinity', '８９', '1_000', '89,37'])('refuses %j', (s) => {
    expect(code(() => parseArea(s))).toBe('MALFORMED_AREA');
  });
  it.each([89, null, undefined, 89n, {}])('refuses the non-string %s', (v) => {
    expect(code(() => parseArea(v))).toBe('MALFORMED_AREA');
  });
  it.each([[0n, '0.00'], [1n, '0.01'], [10n, '0.10'], [123450n, '1234.50'], [8937n, '89.37']])('formats %s as %j', (v, s) => {
    expect(formatArea(v)).toBe(s);
  });
});

describe('matterMajority', () => {
  it('makes items 6–8 special and the other six ordinary', () => {
    expect(ASSEMBLY_MATTER_KINDS).toHaveLength(9);
    expect(ASSEMBLY_MATTER_KINDS.map(matterMajority)).toEqual([
      'ordinary', 'ordinary', 'ordinary', 'ordinary', 'ordinary', 'special', 'special', 'special', 'ordinary',
    ]);
  });
});

describe('tallyOwnersVote: quorum', () => {
  it('is met at exactly two thirds of owners and area (the bound is included)', () => {
    const r = tallyOwnersVote({ units: owners(9), ballots: votes(6, 'for'), matter: 'ordinary' });
    expect(r).toEqual({
      eligible: { owners: 9, area: '900.00' }, participating: { owners: 6, area: '600.00' },
      for: { owners: 6, area: '600.00' }, quorumMet: true, passed: true,
    });
  });
  it('is not met one owner short of two thirds', () => {
    const r = tallyOwnersVote({ units: owners(9), ballots: votes(5, 'for'), matter: 'ordinary' });
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
  });
  it('is not met 0.01 m² short of two thirds of the area though the headcount is enough', () => {
    // 3 owners: 100.00 + 100.00 + 100.01 = 300.01; 2/3 = 200.00666…; two of 100.00 = 200.00 < bound.
    const units = [
      { unitId: 'a', ownerId: 'A', area: '100' }, { unitId: 'b', ownerId: 'B', area: '100.00' },
      { unitId: 'c', ownerId: 'C', area: '100.01' },
    ];
    const r = tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'for' }, { ownerId: 'B', choice: 'for' }], matter: 'ordinary' });
    expect(r.participating).toEqual({ owners: 2, area: '200.00' });
    expect(r.quorumMet).toBe(false);
    // With C instead of B the area is 200.01 ≥ 200.0066…
    const r2 = tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'for' }, { ownerId: 'C', choice: 'for' }], matter: 'ordinary' });
    expect(r2.quorumMet).toBe(true);
  });
  it('is met at exactly two thirds of the area in hundredths (3·part = 2·eligible)', () => {
    // eligible 0.03 m², participating 0.02 m².
    const units = [{ unitId: 'a', ownerId: 'A', area: '0.01' }, { unitId: 'b', ownerId: 'B', area: '0.01' }, { unitId: 'c', ownerId: 'C', area: '0.01' }];
    const r = tallyOwnersVote({ units, ballots: votes(0, 'for').concat([{ ownerId: 'A', choice: 'for' }, { ownerId: 'B', choice: 'for' }]), matter: 'ordinary' });
    expect(r.quorumMet).toBe(true);
  });
  it('needs both measures: enough area but too few owners fails', () => {
    const units = [{ unitId: 'big', ownerId: 'dev', area: '1000' }, ...owners(5, '10')];
    // developer (1000 of 1050 m²) alone: area ≥ 2/3 but 1 of 6 owners.
    const r = tallyOwnersVote({ units, ballots: [{ ownerId: 'dev', choice: 'for' }], matter: 'ordinary' });
    expect(r.quorumMet).toBe(false);
    // the five small owners: 5/6 owners but 50 of 1050 m².
    expect(tallyOwnersVote({ units, ballots: votes(5, 'for'), matter: 'ordinary' }).quorumMet).toBe(false);
  });
  it('with no units: nothing eligible, no quorum, nothing passes, no division', () => {
    const r = tallyOwnersVote({ units: [], ballots: [], matter: 'ordinary' });
    expect(r).toEqual({
      eligible: { owners: 0, area: '0.00' }, participating: { owners: 0, area: '0.00' },
      for: { owners: 0, area: '0.00' }, quorumMet: false, passed: false,
    });
    expect(tallyOwnersVote({ units: [], ballots: [], matter: 'special' }).passed).toBe(false);
  });
  it('with units but no ballots: no quorum', () => {
    expect(tallyOwnersVote({ units: owners(3), ballots: [], matter: 'ordinary' }).quorumMet).toBe(false);
  });
  it('counts units of zero area: all area-zero owners voting meet the quorum by 0 ≥ 0', () => {
    const r = tallyOwnersVote({ units: owners(3, '0'), ballots: votes(2, 'for'), matter: 'ordinary' });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false); // 2·0 > 0 fails: no area for
  });
});

describe('tallyOwnersVote: ordinary majority (strictly more than half)', () => {
  it('fails at exactly half of the participating owners and area', () => {
    const r = tallyOwnersVote({ units: owners(4), ballots: [...votes(2, 'for'), ...votes(2, 'against', 2)], matter: 'ordinary' });
    expect(r.quorumMet).toBe(true);
    expect(r.for).toEqual({ owners: 2, area: '200.00' });
    expect(r.passed).toBe(false);
  });
  it('passes one over half', () => {
    const r = tallyOwnersVote({ units: owners(3), ballots: [...votes(2, 'for'), ...votes(1, 'against', 2)], matter: 'ordinary' });
    expect(r.passed).toBe(true);
  });
  it('fails when more than half of owners but exactly half of the area approve', () => {
    const units = [{ unitId: 'a', ownerId: 'A', area: '150' }, { unitId: 'b', ownerId: 'B', area: '75' }, { unitId: 'c', ownerId: 'C', area: '75' }];
    const r = tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'against' }, { ownerId: 'B', choice: 'for' }, { ownerId: 'C', choice: 'for' }], matter: 'ordinary' });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
  });
  it('counts abstentions as taking part without approving', () => {
    const r = tallyOwnersVote({ units: owners(5), ballots: [...votes(2, 'for'), ...votes(2, 'abstain', 2)], matter: 'ordinary' });
    expect(r.participating.owners).toBe(4);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false); // 2 of 4 is not more than half
  });
  it('does not pass without quorum even when everyone who voted approves', () => {
    const r = tallyOwnersVote({ units: owners(10), ballots: votes(6, 'for'), matter: 'ordinary' });
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
  });
});

describe('tallyOwnersVote: special majority (at least three quarters)', () => {
  it('passes at exactly three quarters of owners and area', () => {
    const r = tallyOwnersVote({ units: owners(4), ballots: [...votes(3, 'for'), ...votes(1, 'against', 3)], matter: 'special' });
    expect(r.passed).toBe(true);
  });
  it('fails one owner short of three quarters', () => {
    // 8 participate, 5 for (< 6).
    const r = tallyOwnersVote({ units: owners(8), ballots: [...votes(5, 'for'), ...votes(3, 'abstain', 5)], matter: 'special' });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false);
    expect(tallyOwnersVote({ units: owners(8), ballots: [...votes(6, 'for'), ...votes(2, 'against', 6)], matter: 'special' }).passed).toBe(true);
  });
  it('fails 0.01 m² short of three quarters of the area', () => {
    // participating 400.01; 3/4 = 300.0075; for = 300.00 fails, 300.01 passes.
    const units = [
      { unitId: 'a', ownerId: 'A', area: '100' }, { unitId: 'b', ownerId: 'B', area: '100' },
      { unitId: 'c', ownerId: 'C', area: '100' }, { unitId: 'd', ownerId: 'D', area: '100.01' },
    ];
    const all = (last: OwnersVoteChoice, d: OwnersVoteChoice): OwnersVoteBallot[] => [
      { ownerId: 'A', choice: 'for' }, { ownerId: 'B', choice: 'for' }, { ownerId: 'C', choice: last }, { ownerId: 'D', choice: d }];
    expect(tallyOwnersVote({ units, ballots: all('for', 'against'), matter: 'special' }).passed).toBe(false);
    expect(tallyOwnersVote({ units, ballots: all('against', 'for'), matter: 'special' }).passed).toBe(true);
  });
  it('a result that passes as ordinary can fail as special', () => {
    const input = { units: owners(3), ballots: [...votes(2, 'for'), ...votes(1, 'against', 2)] };
    expect(tallyOwnersVote({ ...input, matter: 'ordinary' }).passed).toBe(true);
    expect(tallyOwnersVote({ ...input, matter: 'special' }).passed).toBe(false);
  });
});

describe('tallyOwnersVote: counting owners', () => {
  it('counts an owner of several units once with the sum of their areas', () => {
    const units = [
      { unitId: '1-101', ownerId: 'A', area: '89.37' }, { unitId: '1-102', ownerId: 'A', area: '60.5' },
      { unitId: '1-201', ownerId: 'B', area: '100' },
    ];
    const r = tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'for' }], matter: 'ordinary' });
    expect(r.eligible).toEqual({ owners: 2, area: '249.87' });
    expect(r.participating).toEqual({ owners: 1, area: '149.87' });
    expect(r.quorumMet).toBe(false); // 1 of 2 owners
  });
  it("counts the developer's unsold units as one owner", () => {
    const units = [...Array.from({ length: 30 }, (_, i) => ({ unitId: `d${i}`, ownerId: 'developer', area: '90.00' })), ...owners(2, '90')];
    const r = tallyOwnersVote({ units, ballots: [{ ownerId: 'developer', choice: 'for' }, { ownerId: 'o0', choice: 'against' }], matter: 'ordinary' });
    expect(r.eligible).toEqual({ owners: 3, area: '2880.00' });
    expect(r.participating).toEqual({ owners: 2, area: '2790.00' });
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false); // area 2700/2790 for, but 1 of 2 owners is not more than half
  });
  it('keeps exact hundredths over many fractional areas (no floating point)', () => {
    const units = Array.from({ length: 1000 }, (_, i) => ({ unitId: `u${i}`, ownerId: `o${i}`, area: '0.1' }));
    const r = tallyOwnersVote({ units, ballots: votes(700, 'for'), matter: 'ordinary' });
    expect(r.eligible.area).toBe('100.00');
    expect(r.participating.area).toBe('70.00');
  });
  it('ignores the order of units and ballots', () => {
    const units = [...owners(6, '77.77'), { unitId: 'x', ownerId: 'o1', area: '12.34' }];
    const ballots = [...votes(3, 'for'), ...votes(2, 'against', 3)];
    const a = tallyOwnersVote({ units, ballots, matter: 'special' });
    const b = tallyOwnersVote({ units: [...units].reverse(), ballots: [...ballots].reverse(), matter: 'special' });
    expect(b).toEqual(a);
  });
});

describe('tallyOwnersVote: typed errors', () => {
  it('refuses a ballot from an ownerId that owns no unit', () => {
    expect(code(() => tallyOwnersVote({ units: owners(2), ballots: [{ ownerId: 'stranger', choice: 'for' }], matter: 'ordinary' }))).toBe('UNKNOWN_OWNER');
    expect(code(() => tallyOwnersVote({ units: [], ballots: [{ ownerId: 'o0', choice: 'for' }], matter: 'ordinary' }))).toBe('UNKNOWN_OWNER');
  });
  it('refuses two ballots from one owner, even with the same choice or through two units', () => {
    const units = [{ unitId: 'a', ownerId: 'A', area: '50' }, { unitId: 'b', ownerId: 'A', area: '50' }];
    expect(code(() => tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'for' }, { ownerId: 'A', choice: 'for' }], matter: 'ordinary' }))).toBe('DUPLICATE_BALLOT');
    expect(code(() => tallyOwnersVote({ units, ballots: [{ ownerId: 'A', choice: 'for' }, { ownerId: 'A', choice: 'against' }], matter: 'special' }))).toBe('DUPLICATE_BALLOT');
  });
  it.each(['-1', '', ' 1', '1e3', 'abc', '89.371', '1,000'])('refuses the unit area %j', (area) => {
    expect(code(() => tallyOwnersVote({ units: [...owners(2), { unitId: 'bad', ownerId: 'x', area }], ballots: [], matter: 'ordinary' }))).toBe('MALFORMED_AREA');
  });
  it('refuses a unit listed twice, with the same or another owner', () => {
    const u = { unitId: 'a', ownerId: 'A', area: '50' };
    expect(code(() => tallyOwnersVote({ units: [u, u], ballots: [], matter: 'ordinary' }))).toBe('DUPLICATE_UNIT');
    expect(code(() => tallyOwnersVote({ units: [u, { ...u, ownerId: 'B' }], ballots: [], matter: 'ordinary' }))).toBe('DUPLICATE_UNIT');
  });
  it('refuses unknown choices, matters and missing ids', () => {
    const units = owners(1);
    expect(code(() => tallyOwnersVote({ units, ballots: [{ ownerId: 'o0', choice: 'yes' as OwnersVoteChoice }], matter: 'ordinary' }))).toBe('INVALID_CHOICE');
    expect(code(() => tallyOwnersVote({ units, ballots: [], matter: 'major' as 'special' }))).toBe('MALFORMED_INPUT');
    expect(code(() => tallyOwnersVote({ units: [{ unitId: '', ownerId: 'A', area: '1' }], ballots: [], matter: 'ordinary' }))).toBe('MALFORMED_INPUT');
  });
  it('is an Error with a message', () => {
    try { tallyOwnersVote({ units: owners(1), ballots: [{ ownerId: 'z', choice: 'for' }], matter: 'ordinary' }); } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toMatch(/z/);
    }
  });
});

describe('quorumShortfall', () => {
  it('tells how many more owners and hundredths of area are needed', () => {
    expect(quorumShortfall({ eligibleOwners: 9, eligibleArea: 90000n, participatingOwners: 4, participatingArea: 40000n }))
      .toEqual({ owners: 2, area: 20000n });
    expect(quorumShortfall({ eligibleOwners: 10, eligibleArea: 100n, participatingOwners: 0, participatingArea: 0n }))
      .toEqual({ owners: 7, area: 67n }); // ⌈20/3⌉ = 7, ⌈200/3⌉ = 67
    expect(quorumShortfall({ eligibleOwners: 3, eligibleArea: 300n, participatingOwners: 3, participatingArea: 300n }))
      .toEqual({ owners: 0, area: 0n });
  });
});

/** Deterministic pseudo-random numbers (mulberry32): fast-check is not installed in this repo. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('tallyOwnersVote: properties over 2,000 random compounds', () => {
  const choices: OwnersVoteChoice[] = ['for', 'against', 'abstain'];
  for (let seed = 1; seed <= 2000; seed += 1) {
    const rand = rng(seed);
    const int = (n: number) => Math.floor(rand() * n);
    const ownerCount = 1 + int(12);
    const units: OwnersVoteUnit[] = [];
    const areas = new Map<string, bigint>();
    for (let i = 0; i < ownerCount + int(6); i += 1) {
      const ownerId = `o${i < ownerCount ? i : int(ownerCount)}`;
      const h = BigInt(int(3) === 0 ? 100 * (1 + int(5)) : 1 + int(20000));
      units.push({ unitId: `u${i}`, ownerId, area: formatArea(h) });
      areas.set(ownerId, (areas.get(ownerId) ?? 0n) + h);
    }
    const ballots: OwnersVoteBallot[] = [...areas.keys()].filter(() => rand() < 0.75).map((ownerId) => ({ ownerId, choice: choices[int(3)]! }));
    const matter = rand() < 0.5 ? 'ordinary' as const : 'special' as const;

    it(`seed ${seed}`, () => {
      const r = tallyOwnersVote({ units, ballots, matter });
      // Reference: the same rules written as comparisons of ratios in exact rationals (a·d vs b·c).
      const sum = (ids: string[]) => ids.reduce((s, id) => s + areas.get(id)!, 0n);
      const eA = sum([...areas.keys()]);
      const pIds = ballots.map((b) => b.ownerId);
      const fIds = ballots.filter((b) => b.choice === 'for').map((b) => b.ownerId);
      const pA = sum(pIds); const fA = sum(fIds);
      const ge = (num: bigint, den: bigint, p: bigint, q: bigint) => num * q >= p * den; // num/den ≥ p/q
      const quorum = areas.size > 0 && ge(pA, eA, 2n, 3n) && ge(BigInt(pIds.length), BigInt(areas.size), 2n, 3n);
      const pass = quorum && (matter === 'special'
        ? ge(fA, pA, 3n, 4n) && ge(BigInt(fIds.length), BigInt(pIds.length), 3n, 4n)
        : fA * 2n > pA && fIds.length * 2 > pIds.length);
      expect(r).toEqual({
        eligible: { owners: areas.size, area: formatArea(eA) },
        participating: { owners: pIds.length, area: formatArea(pA) },
        for: { owners: fIds.length, area: formatArea(fA) },
        quorumMet: quorum, passed: pass,
      });
      // The shortfall is zero exactly when the quorum is reached (when anybody is eligible).
      const s = quorumShortfall({ eligibleOwners: areas.size, eligibleArea: eA, participatingOwners: pIds.length, participatingArea: pA });
      expect(s.owners === 0 && s.area === 0n).toBe(quorum);
      // Monotone: one more owner voting for never turns a pass into a failure.
      const extra = [...areas.keys()].find((id) => !pIds.includes(id));
      if (extra && r.passed) {
        expect(tallyOwnersVote({ units, ballots: [...ballots, { ownerId: extra, choice: 'for' }], matter }).passed).toBe(true);
      }
      // Splitting an owner's area over more units changes nothing.
      const split = units.flatMap((u) => (parseArea(u.area) >= 2n
        ? [{ ...u, area: formatArea(parseArea(u.area) - 1n) }, { unitId: `${u.unitId}b`, ownerId: u.ownerId, area: '0.01' }]
        : [u]));
      expect(tallyOwnersVote({ units: split, ballots, matter })).toEqual(r);
    });
  }
});

describe('groupUnitsByOwners (SPC interpretation art. 9)', () => {
  const u = (unitId: string, ...owners: string[]) => ({ unitId, owners });
  const keys = (units: { unitId: string; owners: string[] }[]) =>
    [...groupUnitsByOwners(units)].map(([k, g]) => [k, g.map((x) => x.unitId)] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));

  it('counts each unit as one owner and its co-owners as that one owner', () => {
    expect(keys([u('1', 'a', 'b'), u('2', 'c')])).toEqual([['a+b', ['1']], ['c', ['2']]]);
  });
  it('merges one buyer’s several units, and the developer’s unsold units', () => {
    expect(keys([u('1', 'a'), u('2', 'dev'), u('3', 'a'), u('4', 'dev')])).toEqual([['a', ['1', '3']], ['dev', ['2', '4']]]);
  });
  it('merges units held by the same people in any order, listed any number of times', () => {
    expect(keys([u('1', 'a', 'b'), u('2', 'b', 'a'), u('3', 'a', 'b', 'a')])).toEqual([['a+b', ['1', '2', '3']]]);
  });
  it('never chains through a shared co-owner: A+B, B+C and C+D are three owners', () => {
    expect(keys([u('1', 'a', 'b'), u('2', 'b', 'c'), u('3', 'c', 'd')])).toEqual([['a+b', ['1']], ['b+c', ['2']], ['c+d', ['3']]]);
  });
  it('keeps a person’s own unit apart from one they hold jointly', () => {
    expect(keys([u('1', 'a'), u('2', 'a', 'b')])).toEqual([['a', ['1']], ['a+b', ['2']]]);
  });
  it('refuses a unit with no owner or a malformed id', () => {
    expect(() => groupUnitsByOwners([u('1')])).toThrow(OwnersVoteError);
    expect(() => groupUnitsByOwners([u('1', '')])).toThrow(OwnersVoteError);
    expect(() => ownerSetKey(['a+b'])).toThrow(OwnersVoteError);
  });
  it('round-trips a key to its owners', () => {
    expect(ownersOfKey(ownerSetKey(['res:2', 'res:1', 'res:2']))).toEqual(['res:1', 'res:2']);
  });
});
