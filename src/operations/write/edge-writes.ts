import { printValue } from '../../gremlin/print';
import { T, __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeEdge, printProjection, type ProjectionNode } from '../projection';
import type { EdgeRecord } from '../records';
import { applyEdgePropertyWrites, printPropertyWrites, type PropertyWritesNode } from './property-writes';

export interface NewEdgeNode {
  readonly id?: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly properties: PropertyWritesNode;
}

/**
 * Appends the steps creating one edge. The end points are looked up inside `from()`/`to()`, so a missing
 * vertex makes the whole traversal fail — and with it every other write of the same request — instead of
 * quietly creating nothing.
 */
export function applyAddEdge(t: { addE(label: string): GraphTraversal }, e: NewEdgeNode): GraphTraversal {
  let added = t.addE(e.label).from_(__.V(e.from)).to(__.V(e.to));
  if (e.id !== undefined) added = added.property(T.id, e.id);
  return applyEdgePropertyWrites(added, e.properties);
}

export function printNewEdge(e: NewEdgeNode): string {
  const id = e.id !== undefined ? `#${printValue(e.id)}` : '';
  return `${printValue(e.from)}-${e.label}${id}->${printValue(e.to)}${printPropertyWrites(e.properties)}`;
}

export class CreateEdge implements Operation<EdgeRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly edge: NewEdgeNode,
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `CreateEdge(${printNewEdge(this.edge)}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(applyAddEdge(g, this.edge), this.projection);
  }

  decode(results: unknown[]): EdgeRecord | undefined {
    return results.length > 0 ? decodeEdge(results[0], this.projection) : undefined;
  }
}

export class UpdateEdge implements Operation<EdgeRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly id: string,
    readonly writes: PropertyWritesNode,
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `UpdateEdge(${printValue(this.id)}, ${printPropertyWrites(this.writes)}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(applyEdgePropertyWrites(g.E(this.id), this.writes), this.projection);
  }

  decode(results: unknown[]): EdgeRecord | undefined {
    return results.length > 0 ? decodeEdge(results[0], this.projection) : undefined;
  }
}
