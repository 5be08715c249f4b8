import { g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { EdgeRecord, VertexRecord } from '../records';

/** Looks up many vertices by id in one traversal; ids that don't exist are absent from the result. */
export class FetchVertices implements Operation<Map<string, VertexRecord>> {
  readonly mode = 'read';

  constructor(
    readonly ids: readonly string[],
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `FetchVertices(ids=${this.ids.length}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(g.V(...this.ids), this.projection);
  }

  decode(results: unknown[]): Map<string, VertexRecord> {
    const records = results.map((r) => decodeVertex(r, this.projection));
    return new Map(records.map((r) => [r.id, r]));
  }
}

export class FetchEdges implements Operation<Map<string, EdgeRecord>> {
  readonly mode = 'read';

  constructor(
    readonly ids: readonly string[],
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `FetchEdges(ids=${this.ids.length}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(g.E(...this.ids), this.projection);
  }

  decode(results: unknown[]): Map<string, EdgeRecord> {
    const records = results.map((r) => decodeEdge(r, this.projection));
    return new Map(records.map((r) => [r.id, r]));
  }
}
