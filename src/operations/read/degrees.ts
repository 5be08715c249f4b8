import { T, anonymous, byIds, type GraphTraversal } from '../../gremlin/source';
import { applyHop, printHop, type HopNode } from '../hop';
import type { Operation } from '../operation';

/** Edge counts for many vertices in one traversal. */
export class Degrees implements Operation<Map<string, number>> {
  readonly mode = 'read';

  constructor(
    readonly ids: readonly string[],
    readonly hop: HopNode,
  ) {}

  print(): string {
    return `Degrees(ids=${this.ids.length}, ${printHop(this.hop)})`;
  }

  traversal(): GraphTraversal {
    return byIds('vertex', this.ids)
      .project('id', 'degree')
      .by(T.id)
      .by(this.edges().count());
  }

  /** An edge from the vertex to itself is one incident edge, though bothE() meets it at both ends. */
  private edges(): GraphTraversal {
    const edges = applyHop(anonymous(), this.hop);
    return this.hop.direction === 'BOTH' ? edges.dedup() : edges;
  }

  decode(results: unknown[]): Map<string, number> {
    return new Map((results as Map<string, unknown>[]).map((row) => [String(row.get('id')), Number(row.get('degree'))]));
  }
}
