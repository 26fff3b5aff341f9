import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatArea, groupUnitsByOwners, OwnersVoteError, ownerSetKey, parseArea, tallyOwnersVote, type OwnersVoteBallot, type OwnersVoteChoice } from './ownersVote.ts';

/** A compound: owners o0..o(n-1), each with 1–3 units of random hundredths, and some of them voting. */
const compound = fc.integer({ min: 1, max: 15 }).chain((n) => fc.record({
  areas: fc.array(fc.array(fc.bigInt({ min: 0n, max: 10_000_000n }), { minLength: 1, maxLength: 3 }), { minLength: n, maxLength: n }),
  votes: fc.array(fc.option(fc.constantFrom<OwnersVoteChoice>('for', 'against', 'abstain'), { nil: null }), { minLength: n, maxLength: n }),
  matter: fc.constantFrom('ordinary' as const, 'special' as const),
}));

function build(c: { areas: bigint[][]; votes: (OwnersVoteChoice | null)[] }) {
  const units = c.areas.flatMap((list, o) => list.map((a, k) => ({ unitId: `u${o}-${k}`, ownerId: `o${o}`, area: formatArea(a) })));
  const ballots: OwnersVoteBallot[] = c.votes.flatMap((v, o) => (v ? [{ ownerId: `o${o}`, choice: v }] : []));
  return { units, ballots };
}

describe('tallyOwnersVote (fast-check properties)', () => {
  it('agrees with the rules written as exact rational comparisons', () => {
    fc.assert(fc.property(compound, (c) => {
      const { units, ballots } = build(c);
      const r = tallyOwnersVote({ units, ballots, matter: c.matter });
      const area = (o: number) => c.areas[o]!.reduce((s, a) => s + a, 0n);
      const n = BigInt(c.areas.length);
      const eA = c.areas.reduce((s, _, o) => s + area(o), 0n);
      const part = c.votes.flatMap((v, o) => (v ? [o] : []));
      const yes = c.votes.flatMap((v, o) => (v === 'for' ? [o] : []));
      const pA = part.reduce((s, o) => s + area(o), 0n);
      const fA = yes.reduce((s, o) => s + area(o), 0n);
      const p = BigInt(part.length); const f = BigInt(yes.length);
      const quorum = 3n * pA >= 2n * eA && 3n * p >= 2n * n;
      const majority = c.matter === 'special' ? 4n * fA >= 3n * pA && 4n * f >= 3n * p : 2n * fA > pA && 2n * f > p;
      expect(r.quorumMet).toBe(quorum);
      expect(r.passed).toBe(quorum && majority);
      expect(parseArea(r.eligible.area)).toBe(eA);
      expect(parseArea(r.participating.area)).toBe(pA);
      expect(parseArea(r.for.area)).toBe(fA);
      expect(r.participating.owners).toBe(part.length);
    }), { numRuns: 500 });
  });

  it('passes nothing without a quorum; a special pass with any approval is an ordinary pass too', () => {
    fc.assert(fc.property(compound, (c) => {
      const { units, ballots } = build(c);
      const special = tallyOwnersVote({ units, ballots, matter: 'special' });
      const ordinary = tallyOwnersVote({ units, ballots, matter: 'ordinary' });
      if (special.passed || ordinary.passed) expect(special.quorumMet).toBe(true);
      // At least three quarters implies more than half whenever anyone approved.
      if (special.passed && special.for.owners > 0 && special.for.area !== '0.00') expect(ordinary.passed).toBe(true);
    }), { numRuns: 300 });
  });

  it('refuses every area string that is not plain digits with at most two decimals', () => {
    fc.assert(fc.property(fc.string({ maxLength: 8 }), (s) => {
      const valid = /^\d+(\.\d{1,2})?$/.test(s);
      const run = () => tallyOwnersVote({ units: [{ unitId: 'u', ownerId: 'o', area: s }], ballots: [], matter: 'ordinary' });
      if (valid) expect(run).not.toThrow();
      else expect(run).toThrow(OwnersVoteError);
    }), { numRuns: 1000 });
  });

  it('refuses any ballot list with an owner twice or an owner who owns nothing', () => {
    fc.assert(fc.property(compound, fc.nat(), (c, pick) => {
      const { units, ballots } = build(c);
      if (ballots.length === 0) return;
      const twice = [...ballots, ballots[pick % ballots.length]!];
      expect(() => tallyOwnersVote({ units, ballots: twice, matter: c.matter })).toThrow(expect.objectContaining({ code: 'DUPLICATE_BALLOT' }));
      expect(() => tallyOwnersVote({ units, ballots: [...ballots, { ownerId: 'nobody', choice: 'for' }], matter: c.matter }))
        .toThrow(expect.objectContaining({ code: 'UNKNOWN_OWNER' }));
    }), { numRuns: 300 });
  });

  it('groups two units together exactly when their sets of owners are equal (never by a shared co-owner)', () => {
    const people = ['a', 'b', 'c', 'd'];
    const unitsArb = fc.array(fc.subarray(people, { minLength: 1 }).chain((set) => fc.shuffledSubarray(set, { minLength: set.length }).map((owners) => [...owners, ...owners.slice(0, 1)])), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(unitsArb, (lists) => {
      const units = lists.map((owners, i) => ({ unitId: `u${i}`, owners }));
      const groups = [...groupUnitsByOwners(units).values()];
      // Every unit in exactly one group.
      expect(groups.flat().length).toBe(units.length);
      const setOf = (o: string[]) => [...new Set(o)].sort().join(',');
      for (const x of units) for (const y of units) {
        const together = groups.some((g) => g.includes(x) && g.includes(y));
        expect(together).toBe(setOf(x.owners) === setOf(y.owners));
      }
      for (const [key, g] of groupUnitsByOwners(units)) for (const u of g) expect(ownerSetKey(u.owners)).toBe(key);
    }));
  });
});
