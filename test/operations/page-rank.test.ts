import fc from 'fast-check';
import { pageRank, topRanked } from '../../src/operations/read/page-rank';

/** Random directed multigraphs over up to 12 vertices, self-loops and parallel edges included. */
const graphs = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 }).map((edges) => {
    const adjacency = new Map<string, string[]>();
    for (let i = 0; i < n; i++) adjacency.set(`v${i}`, []);
    for (const [a, b] of edges) adjacency.get(`v${a}`)!.push(`v${b}`);
    return adjacency;
  }),
);

describe('pageRank', () => {
  it('keeps ranks positive and summing to 1, whatever the dangling vertices', () => {
    fc.assert(
      fc.property(graphs, fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (adjacency, iterations, dampingFactor) => {
        const ranks = [...pageRank(adjacency, { iterations, dampingFactor }).values()];
        expect(ranks).toHaveLength(adjacency.size);
        for (const r of ranks) expect(r).toBeGreaterThan(0);
        expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      }),
    );
  });

  it('computes a small graph by hand: one round from uniform ranks', () => {
    // a→b, a→c, b→c, c dangling; N = 3, d = 0.5, start 1/3 each. Dangling mass 1/3 gives everyone 0.5·(1/3)/3.
    const ranks = pageRank(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]), { iterations: 1, dampingFactor: 0.5 });
    const base = 0.5 / 3 + (0.5 * (1 / 3)) / 3;
    expect(ranks.get('a')).toBeCloseTo(base, 15);
    expect(ranks.get('b')).toBeCloseTo(base + (0.5 * (1 / 3)) / 2, 15);
    expect(ranks.get('c')).toBeCloseTo(base + (0.5 * (1 / 3)) / 2 + 0.5 * (1 / 3), 15);
  });

  it('ignores edges to vertices that were not fetched', () => {
    const ranks = pageRank(new Map([['a', ['gone']], ['b', []]]), { iterations: 5, dampingFactor: 0.85 });
    expect(ranks.get('a')).toBeCloseTo(0.5, 15);
    expect(ranks.get('b')).toBeCloseTo(0.5, 15);
  });

  it('answers nothing for an empty subgraph', () => {
    expect(pageRank(new Map(), { iterations: 3, dampingFactor: 0.85 }).size).toBe(0);
  });
});

describe('topRanked', () => {
  it('orders by rank, then id, and keeps the first `limit`', () => {
    const ranks = new Map([['b', 0.25], ['c', 0.5], ['a', 0.25]]);
    expect(topRanked(ranks, 2)).toEqual([{ id: 'c', rank: 0.5 }, { id: 'a', rank: 0.25 }]);
  });
});
