import { printTraversal } from '../../gremlin/print';
import { __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { VertexRecord } from '../records';
import { parentKeyedTraversal } from './parent-pages';

/**
 * A traversal written by a schema author (`@gremlin(traversal: ...)`), already parsed and bound to values, run
 * for many parents in one request. Two shapes:
 * - `keyed`: the text starts at the parent (`g.V(id)...`) and uses `id` nowhere else, so every parent shares
 *   one `g.V(parents...)` and the rest of the traversal runs inside `by()` — what Neptune optimises best.
 * - `union`: the parent id appears elsewhere too, so each parent gets its own bound copy; the copies run side
 *   by side in one `union()`, each tagged with its parent id.
 */
export type CustomBatch =
  | { readonly kind: 'keyed'; readonly parentIds: readonly string[]; readonly traversal: GraphTraversal }
  | { readonly kind: 'union'; readonly perParent: readonly { readonly parentId: string; readonly traversal: GraphTraversal }[] };

export class CustomTraversals implements Operation<Map<string, (VertexRecord | unknown)[]>> {
  readonly mode = 'read';

  /** `projection`: the results are vertices, projected like any other vertex read. */
  constructor(
    readonly field: string,
    readonly batch: CustomBatch,
    readonly projection?: ProjectionNode,
  ) {}

  print(): string {
    const b = this.batch;
    const shape =
      b.kind === 'keyed' ? `keyed parents=${b.parentIds.length} ${printTraversal(b.traversal)}` : `union parents=${b.perParent.length}`;
    return `CustomTraversals(${this.field}, ${shape}${this.projection ? `, ${printProjection(this.projection)}` : ''})`;
  }

  traversal(): GraphTraversal {
    const b = this.batch;
    if (b.kind === 'keyed') return parentKeyedTraversal(b.parentIds, this.projected(b.traversal));
    const branches = b.perParent.map(({ parentId, traversal }) =>
      this.projected(traversal).fold().project('parent', 'items').by(__.constant(parentId)).by(__.identity()),
    );
    return g.inject(0).union(...branches);
  }

  decode(results: unknown[]): Map<string, (VertexRecord | unknown)[]> {
    const byParent = new Map<string, (VertexRecord | unknown)[]>();
    for (const row of results as Map<string, unknown>[]) {
      const items = row.get('items') as unknown[];
      const projection = this.projection;
      byParent.set(String(row.get('parent')), projection ? items.map((item) => decodeVertex(item, projection)) : items);
    }
    return byParent;
  }

  private projected(t: GraphTraversal): GraphTraversal {
    return this.projection ? applyProjection(t, this.projection) : t;
  }
}
