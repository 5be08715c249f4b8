import { printTraversal } from '../../gremlin/print';
import type { GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';

/**
 * The traversal of a `@gremlin` field of Query, bound to its arguments and already limited: it runs as written,
 * from `g`, in one request. Vertex results are projected to the keys the selection needs, like any vertex read.
 */
export class RootTraversal implements Operation<unknown[]> {
  readonly mode = 'read';

  constructor(
    readonly field: string,
    readonly bound: GraphTraversal,
    readonly projection?: ProjectionNode,
  ) {}

  print(): string {
    return `RootTraversal(${this.field}, ${printTraversal(this.bound)}${this.projection ? `, ${printProjection(this.projection)}` : ''})`;
  }

  traversal(): GraphTraversal {
    return this.projection ? applyProjection(this.bound, this.projection) : this.bound;
  }

  decode(results: unknown[]): unknown[] {
    const projection = this.projection;
    return projection ? results.map((item) => decodeVertex(item, projection)) : results;
  }
}
