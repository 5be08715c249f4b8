import { g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeEdge, decodeVertex, printProjection, projectionTraversal, type ProjectionNode } from '../projection';
import type { EdgeRecord, VertexRecord } from '../records';
import { applyAddEdge, printNewEdge, type NewEdgeNode } from './edge-writes';
import { applyAddVertex, printNewVertex, type NewVertexNode } from './vertex-writes';

/**
 * Most elements one traversal writes, a size every backend accepts comfortably: a batch mutation's chunk (larger
 * batches are several in one transaction) and the most ids a typed nested write takes.
 */
export const MAX_BATCH = 500;

type Element<K> = K extends 'vertex' ? NewVertexNode : NewEdgeNode;
type Output<K> = K extends 'vertex' ? VertexRecord : EdgeRecord;

/**
 * Creates up to MAX_BATCH elements in ONE traversal: a chain of addV (or addE) steps, each labelled, then all
 * selected and projected. A single traversal is a single transaction on Neptune and on the embedded server, so a
 * failure anywhere (a duplicate id, a missing end point) writes nothing; a larger batch is several of these in
 * one session transaction (src/resolvers/mutation.ts).
 */
export class BatchCreate<K extends 'vertex' | 'edge'> implements Operation<Output<K>[]> {
  readonly mode = 'write';

  constructor(
    readonly kind: K,
    readonly elements: readonly Element<K>[],
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    const items = this.elements.map((e) =>
      this.kind === 'vertex' ? printNewVertex(e as NewVertexNode) : printNewEdge(e as NewEdgeNode),
    );
    return `BatchCreate${this.kind === 'vertex' ? 'Vertices' : 'Edges'}([${items.join('; ')}], ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    let t: GraphTraversal | undefined;
    this.elements.forEach((element, i) => {
      const source = t ?? g;
      t = (this.kind === 'vertex' ? applyAddVertex(source, element as NewVertexNode) : applyAddEdge(source, element as NewEdgeNode)).as(
        labelOf(i),
      );
    });
    if (!t) throw new Error('BatchCreate needs at least one element');
    if (this.elements.length === 1) return applyProjection(t, this.projection);
    return t.select(...this.elements.map((_, i) => labelOf(i))).by(projectionTraversal(this.projection));
  }

  decode(results: unknown[]): Output<K>[] {
    if (results.length === 0) return [];
    const decode = (value: unknown) =>
      (this.kind === 'vertex' ? decodeVertex(value, this.projection) : decodeEdge(value, this.projection)) as Output<K>;
    if (this.elements.length === 1) return [decode(results[0])];
    const row = results[0] as Map<string, unknown>;
    return this.elements.map((_, i) => decode(row.get(labelOf(i))));
  }
}

function labelOf(i: number): string {
  return `e${i}`;
}
