import fc from 'fast-check';
import { backoffDelay, waitUnlessAborted } from '../../src/neptune/retry';

const policy = { baseMs: 100, maxDelayMs: 2000 };

describe('backoffDelay (full jitter)', () => {
  it('spans [0, base * 2^retry] until the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1600, 2000]);
    expect([0, 1, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([0, 0, 0]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
  });

  it('never leaves the bounds, whatever the retry and the random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (retry, draw, baseMs, maxDelayMs) => {
          const delay = backoffDelay(retry, { baseMs, maxDelayMs }, () => draw);
          return Number.isInteger(delay) && delay >= 0 && delay <= Math.min(maxDelayMs, baseMs * 2 ** retry);
        },
      ),
    );
  });

  it('is random: draws from Math.random spread over the range', () => {
    const draws = Array.from({ length: 2000 }, () => backoffDelay(3, policy));
    expect(Math.min(...draws)).toBeLessThan(80);
    expect(Math.max(...draws)).toBeGreaterThan(720);
    expect(Math.max(...draws)).toBeLessThanOrEqual(800);
  });
});

describe('waitUnlessAborted', () => {
  it('waits, or returns false at once when aborted', async () => {
    const controller = new AbortController();
    expect(await waitUnlessAborted(1, controller.signal)).toBe(true);
    const started = Date.now();
    const waiting = waitUnlessAborted(10_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await waitUnlessAborted(10_000, controller.signal)).toBe(false);
  });
});
