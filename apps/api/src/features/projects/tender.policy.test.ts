import { describe, expect, it } from 'vitest';
import { mayRestart, pickWinner, weightsValid } from './tender.policy.ts';

const bid = (id: string, totalFen: bigint, minute: number) => ({ id, totalFen, submittedAt: new Date(Date.UTC(2026, 11, 1, 8, minute)) });

describe('the award rule', () => {
  it('takes the best score; a tie goes to the lower price, then the earlier bid; unscored bids never win', () => {
    expect(pickWinner([{ bid: bid('a', 900n, 1), score: 80.5 }, { bid: bid('b', 800n, 2), score: 80.4 }])?.id).toBe('a');
    expect(pickWinner([{ bid: bid('a', 900n, 1), score: 80 }, { bid: bid('b', 800n, 2), score: 80 }])?.id).toBe('b');
    expect(pickWinner([{ bid: bid('a', 800n, 3), score: 80 }, { bid: bid('b', 800n, 2), score: 80 }])?.id).toBe('b');
    expect(pickWinner([{ bid: bid('a', 800n, 3), score: null }, { bid: bid('b', 900n, 2), score: 10 }])?.id).toBe('b');
    expect(pickWinner([{ bid: bid('a', 800n, 3), score: null }])).toBeUndefined();
  });

  it('weights are whole numbers adding up to 100', () => {
    expect(weightsValid([50, 30, 20])).toBe(true);
    expect(weightsValid([50, 30])).toBe(false);
    expect(weightsValid([50.5, 49.5])).toBe(false);
    expect(weightsValid([])).toBe(false);
  });

  it('restarts from published, or from a void call, or one closed without bids', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    const closed = { state: 'open' as const, closesAt: new Date('2026-12-09T00:00:00Z') };
    const running = { state: 'open' as const, closesAt: new Date('2026-12-11T00:00:00Z') };
    expect(mayRestart('published', undefined, 0, now)).toBe(true);
    expect(mayRestart('tendering', closed, 0, now)).toBe(true);
    expect(mayRestart('tendering', closed, 1, now)).toBe(false);
    expect(mayRestart('tendering', running, 0, now)).toBe(false);
    expect(mayRestart('tendering', { state: 'void', closesAt: running.closesAt }, 2, now)).toBe(true);
    expect(mayRestart('awarded', { state: 'awarded', closesAt: closed.closesAt }, 2, now)).toBe(false);
  });
});
