import { byIds, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { EdgeRecord, VertexRecord } from '../records';

/** Looks up many vertices or edges (as `projection.element` says) by id in one traversal; missing ids are absent. */
export class FetchElements<T extends VertexRecord | EdgeRecord> implements Operation<Map<string, T>> {
  readonly mode = 'read';

  constructor(
    readonly ids: readonly string[],
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `Fetch${this.projection.element === 'vertex' ? 'Vertices' : 'Edges'}(ids=${this.ids.length}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(byIds(this.projection.element, this.ids), this.projection);
  }

  decode(results: unknown[]): Map<string, T> {
    const decode = this.projection.element === 'vertex' ? decodeVertex : decodeEdge;
    const records = results.map((r) => decode(r, this.projection) as T);
    return new Map(records.map((r) => [r.id, r]));
  }
}
