import { g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../../operations/operation';
import { splitLabel } from '../labels';

export interface LabelList {
  /** Sorted; a vertex labelled `a::b` contributes `a` and `b`. */
  readonly labels: string[];
  /** The cap was reached: there may be more labels than these. */
  readonly truncated: boolean;
}

/**
 * Every vertex or edge label in the graph. Gremlin has no cheaper way than one scan of the elements, but the
 * answer is tiny: one string per label (combination), capped so that a graph with a label per element cannot
 * flood the client.
 */
export class DistinctLabels implements Operation<LabelList> {
  readonly mode = 'read';

  constructor(
    readonly element: 'vertex' | 'edge',
    readonly limit: number,
  ) {}

  print(): string {
    return `DistinctLabels(${this.element}, limit=${this.limit})`;
  }

  traversal(): GraphTraversal {
    return (this.element === 'vertex' ? g.V() : g.E()).label().dedup().limit(this.limit);
  }

  decode(results: unknown[]): LabelList {
    const labels = new Set<string>();
    for (const result of results) {
      const label = String(result);
      for (const single of this.element === 'vertex' ? splitLabel(label) : [label]) labels.add(single);
    }
    return { labels: [...labels].sort(), truncated: results.length >= this.limit };
  }
}
