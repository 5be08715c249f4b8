import { byIds, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import type { DirectionName } from '../hop';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex } from '../projection';
import type { EdgeRecord, PathRecord, TraversalRecord } from '../records';
import { applyPath, applyWalk, decodePath, printShape, printWalk, type PathShape } from './walk';

/** One `TraversalStep`: a hop along edges, then a condition on the vertices reached. */
export interface TraverseStepNode {
  readonly direction: DirectionName;
  readonly edgeLabels: readonly string[];
  readonly filter?: FilterNode;
}

export interface TraverseNode {
  readonly start: readonly string[];
  readonly steps: readonly TraverseStepNode[];
  readonly dedup: boolean;
  readonly limit: number;
  /** Whether the selection reads `edges` or `paths`; if not, no path is tracked at all. */
  readonly paths: boolean;
  readonly shape: PathShape;
}

/**
 * `traverse(...)` as one traversal: `g.V(start)`, each step's hop and filter, at most `limit` results, then
 * either the final vertices or their paths.
 *
 * With `dedup`, duplicates are also dropped after every intermediate step. The set of vertices reachable at
 * the next step only depends on the set (not the multiset) at this one, so the answer is the same, but the
 * work stays proportional to the vertices reached instead of growing with the number of walks. For paths it
 * still yields exactly one path per final vertex, each a real walk of the requested shape.
 */
export class Traverse implements Operation<TraversalRecord> {
  readonly mode = 'read';

  constructor(readonly query: TraverseNode) {}

  print(): string {
    const q = this.query;
    const shape = this.walked();
    const steps = q.steps.map((s) => printWalk(s.direction, s.edgeLabels, shape) + (s.filter ? ` where ${printFilter(s.filter)}` : ''));
    const parts = [`start=${q.start.length}`, ...steps, q.dedup ? 'dedup' : undefined, `limit=${q.limit}`, q.paths ? 'paths' : undefined];
    return `Traverse(${parts.filter(Boolean).join(', ')}, ${printShape(shape)})`;
  }

  traversal(): GraphTraversal {
    const q = this.query;
    const shape = this.walked();
    let t = byIds('vertex', q.start);
    for (const step of q.steps) {
      t = applyWalk(t, step.direction, step.edgeLabels, shape);
      if (step.filter) t = applyFilter(t, step.filter);
      if (q.dedup) t = t.dedup();
    }
    t = t.limit(q.limit);
    return q.paths ? applyPath(t, shape) : applyProjection(t, shape.vertex);
  }

  decode(results: unknown[]): TraversalRecord {
    const q = this.query;
    if (!q.paths) return { vertices: results.map((r) => decodeVertex(r, q.shape.vertex)), edges: [], paths: [] };
    const paths: PathRecord[] = results.map((r) => decodePath(r, q.shape));
    // Paths to different vertices often share their first edges; the list names each edge walked once.
    const edges = new Map<string, EdgeRecord>();
    for (const path of paths) for (const edge of path.edges) if (!edges.has(edge.id)) edges.set(edge.id, edge);
    return { vertices: paths.map((p) => p.vertices[p.vertices.length - 1]), edges: [...edges.values()], paths };
  }

  /** Edges are only walked through for paths; a vertices-only selection never tracks them. */
  private walked(): PathShape {
    return this.query.paths ? this.query.shape : { vertex: this.query.shape.vertex };
  }
}
