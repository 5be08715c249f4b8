import { P, Scope, __, anonymous, g, type GraphTraversal } from '../../gremlin/source';
import { applyHop, type DirectionName } from '../hop';
import type { Operation } from '../operation';
import type { PathRecord } from '../records';
import { applyPath, applyWalk, decodePath, printShape, printWalk, type PathShape } from './walk';

export interface ShortestPathNode {
  readonly from: string;
  readonly to: string;
  readonly direction: DirectionName;
  readonly edgeLabels: readonly string[];
  readonly maxHops: number;
  readonly shape: PathShape;
}

/** Side-effect keys of ours, never from input: the vertices one search has met, and whether it got that far. */
const seen = (hops: number) => `seen${hops}`;
const reached = (hops: number) => `reached${hops}`;

/** The direction that leads from a vertex back to the vertices a walk could have come from. */
const ARRIVING = { OUT: 'IN', IN: 'OUT', BOTH: 'BOTH' } as const;

/**
 * A path with the fewest edges, as one traversal: iterative deepening, each depth a breadth-first search.
 *
 *   g.V(from).or(hasId(to), V(to).both()).coalesce(
 *     hasId(to).limit(1).path(),                                        0 hops
 *     both().hasId(to).limit(1).path(),                                 1 hop
 *     aggregate('seen2').both().where(without('seen2')).dedup()         2 hops
 *       .aggregate(local, 'reached2').both().hasId(to).limit(1).path(),
 *     filter(select('reached2').unfold()).aggregate('seen3')            3 hops
 *       .both().where(without('seen3')).dedup().aggregate('seen3')
 *       .both().where(without('seen3')).dedup().aggregate(local, 'reached3').both().hasId(to).limit(1).path(),
 *     ... up to maxHops)
 *
 * `coalesce` answers with its first alternative that has a result, and alternative k only finds walks of
 * exactly k edges ending at `to`: so the answer has the fewest edges by the definition of coalesce, with no
 * reliance on the order in which an engine expands a repeat() (Neptune lets a query hint choose depth-first).
 * Within alternative k, the first k-1 hops are a breadth-first search written out level by level: each level
 * ends in `aggregate`, a barrier, so every vertex nearer than it is in the search's `seen` before it is
 * expanded; `where(without(seen))` keeps only vertices met for the first time and `dedup()` one traverser per
 * vertex, so each vertex is expanded at most once per depth (work linear in the part of the graph searched,
 * not in the number of shortest walks, which can be exponential: layers fully joined to the next). The last
 * two hops stream: any walk of exactly k edges to `to` is a shortest one once depth k-1 found none, so the
 * search stops at the first, where a single search of all depths would finish the whole last level.
 * The price is that each depth searches again from `from`. While levels grow several-fold per hop, the earlier
 * depths add a fraction of the last one's work; once they stop growing, each further depth repeats the whole
 * search, until one meets no new vertex at its last level (`reached` stays empty) and deeper ones are skipped.
 * So a target the search cannot reach costs up to a few whole searches where a single search costs one.
 * The `or` up front avoids searching the whole neighbourhood for a target that does not exist or that no
 * edge leads to (an isolated vertex: the common way of being unreachable), which would cost a search per depth.
 * Missing endpoints and unreachable targets both give no result: the caller answers null.
 */
export class ShortestPath implements Operation<PathRecord | null> {
  readonly mode = 'read';

  constructor(readonly query: ShortestPathNode) {}

  print(): string {
    const q = this.query;
    return `ShortestPath(from, to, ${printWalk(q.direction, q.edgeLabels, q.shape)}, maxHops=${q.maxHops}, ${printShape(q.shape)})`;
  }

  traversal(): GraphTraversal {
    const q = this.query;
    const alternatives = [__.hasId(q.to)];
    for (let hops = 1; hops <= q.maxHops; hops++) alternatives.push(this.search(hops));
    // Nothing to search for when `to` does not exist or (unless it is `from`) has no edge a walk could arrive by.
    const reachable = applyHop(__.V(q.to), { direction: ARRIVING[q.direction], edgeLabels: q.edgeLabels, target: 'vertex' });
    return g
      .V(q.from)
      .or(__.hasId(q.to), reachable)
      .coalesce(...alternatives.map((t) => applyPath(t.limit(1), q.shape)));
  }

  /** Walks of exactly `hops` edges to `to`, each vertex on the way met there for the first time. */
  private search(hops: number): GraphTraversal {
    const q = this.query;
    const hop = (t: GraphTraversal) => applyWalk(t, q.direction, q.edgeLabels, q.shape);
    let t = hops <= 2 ? anonymous() : __.filter(__.select(reached(hops - 1)).unfold());
    if (hops > 1) t = t.aggregate(seen(hops));
    for (let level = 1; level < hops; level++) {
      t = hop(t).where(P.without(seen(hops))).dedup();
      t = level < hops - 1 ? t.aggregate(seen(hops)) : t.aggregate(Scope.local, reached(hops));
    }
    return hop(t).hasId(q.to);
  }

  decode(results: unknown[]): PathRecord | null {
    return results.length === 0 ? null : decodePath(results[0], this.query.shape);
  }
}
