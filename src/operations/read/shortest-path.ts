import { P, __, g, type GraphTraversal } from '../../gremlin/source';
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

/** Side-effect holding every vertex reached so far; a name of ours, never from input. */
const SEEN = 'seen';

/**
 * A path with the fewest edges, as one traversal: a breadth-first search written out level by level.
 *
 *   g.V(from).filter(V(to)).aggregate('seen')
 *    .choose(hasId(to), identity(), not(V(to).where(within('seen'))).both().where(without('seen'))).dedup().aggregate('seen')
 *    ... once per hop up to maxHops ...
 *    .hasId(to).limit(1).path()
 *
 * Why this shape rather than `repeat(...).until(hasId(to)).limit(1)`: that returns the first path found,
 * which is the shortest only if the engine expands repeat() breadth-first, and Neptune lets a query hint
 * (repeatMode DFS / CHUNKED_DFS) or the engine's own choice change that. Here no ordering is relied on:
 * - each level ends in `aggregate`, a barrier, so every vertex at distance k is in `seen` before any
 *   traverser takes hop k+1; `where(without('seen'))` then only lets a traverser onto a vertex no earlier
 *   level reached, so a traverser standing on a vertex at level k has walked exactly k edges; `dedup()` keeps
 *   one of the traversers that reached a vertex at the same level, so each vertex is expanded at most once
 *   (work linear in the part of the graph searched, not in the number of shortest walks, which can be
 *   exponential: layers fully joined to the next);
 * - a traverser that reached `to` passes the remaining levels unchanged (`identity()` adds nothing to its
 *   path), and once `to` is in `seen` every other traverser is dropped, so the search stops at the depth
 *   where it found `to` instead of running on to maxHops;
 * - levels are unrolled rather than looped, so no repeat() evaluation order is involved at all.
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
    let t = g.V(q.from).filter(__.V(q.to)).aggregate(SEEN);
    for (let level = 1; level <= q.maxHops; level++) {
      const unreached = __.not(__.V(q.to).where(P.within(SEEN)));
      const expand = applyWalk(unreached, q.direction, q.edgeLabels, q.shape).where(P.without(SEEN));
      t = t.choose(__.hasId(q.to), __.identity(), expand).dedup().aggregate(SEEN);
    }
    return applyPath(t.hasId(q.to).limit(1), q.shape);
  }

  decode(results: unknown[]): PathRecord | null {
    return results.length === 0 ? null : decodePath(results[0], this.query.shape);
  }
}
