import { printTraversal } from '../../gremlin/print';
import { __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { VertexRecord } from '../records';

/**
 * A traversal written by a schema author (`@gremlin(traversal: ...)`) that uses its parent's id as a value past
 * its start (tests of the parent itself src/planner/gremlin-fields.ts nests), so it cannot run inside the parent's
 * `by()` as a nested field (see ../nested.ts `custom`): each parent gets its own bound copy, and the copies run
 * side by side in one `union()`, each tagged with its parent id.
 */
export interface PerParentTraversal {
  readonly parentId: string;
  readonly traversal: GraphTraversal;
}

export class CustomTraversals implements Operation<Map<string, (VertexRecord | unknown)[]>> {
  readonly mode = 'read';

  /** `projection`: the results are vertices, projected like any other vertex read. */
  constructor(
    readonly field: string,
    readonly perParent: readonly PerParentTraversal[],
    readonly projection?: ProjectionNode,
  ) {}

  print(): string {
    const first = this.perParent[0];
    const sample = first ? ` ${printTraversal(first.traversal)}` : '';
    return `CustomTraversals(${this.field}, union parents=${this.perParent.length}${sample}${this.projection ? `, ${printProjection(this.projection)}` : ''})`;
  }

  traversal(): GraphTraversal {
    const branches = this.perParent.map(({ parentId, traversal }) =>
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
