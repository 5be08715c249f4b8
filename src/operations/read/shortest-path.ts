import { P, Scope, __, anonymous, g, type GraphTraversal } from '../../gremlin/source';
import type { DirectionName } from '../hop';
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

/**
 * A path with the fewest edges, as one traverser: iterative deepening, each depth a breadth-first search.
 *
 *   g.V(from).filter(V(to)).coalesce(
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
 * The price is that each depth searches again from `from`: about twice the work of one search when levels grow,
 * up to once per depth when they stop growing, which `reached` bounds: a depth whose search found no vertex
 * at distance k-1 means no deeper one can find anything, so deeper alternatives are not tried.
 * `filter(V(to))` up front avoids searching the whole neighbourhood for a target that does not exist.
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
    return g
      .V(q.from)
      .filter(__.V(q.to))
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
