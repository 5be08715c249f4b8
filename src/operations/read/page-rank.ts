import type { Adjacency } from './subgraph';

export interface PageRankParams {
  readonly iterations: number;
  readonly dampingFactor: number;
}

export interface Ranked {
  readonly id: string;
  readonly rank: number;
}

/**
 * PageRank by power iteration, computed in the gateway because Neptune has no pageRank step. Each round a
 * vertex keeps (1 - d)/N and receives d times its in-neighbours' rank split over their out-edges (parallel
 * edges count once each); the rank of vertices without out-edges would otherwise leak away, so it is spread
 * evenly over all vertices, which keeps the ranks summing to 1. Every vertex starts at 1/N.
 */
export function pageRank(adjacency: Adjacency, params: PageRankParams): Map<string, number> {
  const ids = [...adjacency.keys()];
  const n = ids.length;
  if (n === 0) return new Map();
  const index = new Map(ids.map((id, i) => [id, i]));
  // Edges to vertices outside what was fetched (the graph changed between pages) are left out.
  const targets = ids.map((id) => adjacency.get(id)!.flatMap((to) => index.get(to) ?? []));
  const d = params.dampingFactor;
  let rank = new Float64Array(n).fill(1 / n);
  for (let round = 0; round < params.iterations; round++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (targets[i].length === 0) dangling += rank[i];
    const next = new Float64Array(n).fill((1 - d) / n + (d * dangling) / n);
    for (let i = 0; i < n; i++) {
      const out = targets[i];
      if (out.length === 0) continue;
      const share = (d * rank[i]) / out.length;
      for (const j of out) next[j] += share;
    }
    rank = next;
  }
  return new Map(ids.map((id, i) => [id, rank[i]]));
}

/** The `limit` highest ranks; equal ranks in id order so the answer never depends on fetch order. */
export function topRanked(ranks: ReadonlyMap<string, number>, limit: number): Ranked[] {
  return [...ranks]
    .map(([id, rank]) => ({ id, rank }))
    .sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
