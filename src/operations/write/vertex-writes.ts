import { printValue } from '../../gremlin/print';
import { T, __, g, type GraphTraversal } from '../../gremlin/source';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { VertexRecord } from '../records';
import { applyVertexPropertyWrites, printPropertyWrites, type PropertyWritesNode } from './property-writes';
import { applyConnect, applyDisconnect, applyNewEdges, printEdges, type NewEdgesNode, type RelationshipEdgesNode } from './relationship-writes';

export interface NewVertexNode {
  readonly id?: string;
  readonly label: string;
  readonly properties: PropertyWritesNode;
}

/** Appends the steps creating one vertex to `t` (a traversal source or a traversal yielding one traverser). */
export function applyAddVertex(t: { addV(label: string): GraphTraversal }, v: NewVertexNode): GraphTraversal {
  let added = t.addV(v.label);
  if (v.id !== undefined) added = added.property(T.id, v.id);
  return applyVertexPropertyWrites(added, v.properties, true);
}

export function printNewVertex(v: NewVertexNode): string {
  return `${v.label}${v.id !== undefined ? `#${printValue(v.id)}` : ''}${printPropertyWrites(v.properties)}`;
}

/** Creates a vertex and, in the same traversal, its `edges` (a typed create's nested connects). */
export class CreateVertex implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly vertex: NewVertexNode,
    readonly projection: ProjectionNode,
    readonly edges: readonly NewEdgesNode[] = [],
  ) {}

  print(): string {
    const edges = this.edges.map((e) => `, ${printEdges(e)}`).join('');
    return `CreateVertex(${printNewVertex(this.vertex)}${edges}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    return applyProjection(this.edges.reduce(applyNewEdges, applyAddVertex(g, this.vertex)), this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}

/**
 * Creates the vertex or, when one with the id exists, writes the properties onto it — in one traversal, so
 * there is no window between a check and a write. An existing vertex with another label is left untouched and
 * yields no result, which the caller reports as a conflict. The lookup is V(id), not mergeV(): TinkerGraph's
 * mergeV finds vertices a SubgraphStrategy hides, and the authorization rules travel as one (src/security).
 */
export class UpsertVertex implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly vertex: NewVertexNode & { readonly id: string },
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `UpsertVertex(${printNewVertex(this.vertex)}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const merged = g
      .V(this.vertex.id)
      .fold()
      .coalesce(__.unfold(), __.addV(this.vertex.label).property(T.id, this.vertex.id))
      .hasLabel(this.vertex.label);
    return applyProjection(applyVertexPropertyWrites(merged, this.vertex.properties), this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}

/** Edges a typed update removes and makes sure of, beside its property writes. */
export interface RelationshipChanges {
  readonly disconnect: readonly RelationshipEdgesNode[];
  readonly connect: readonly NewEdgesNode[];
}

const NO_CHANGES: RelationshipChanges = { disconnect: [], connect: [] };

/**
 * Removes, then sets, properties of an existing vertex, then removes and makes sure of edges (as
 * DisconnectVertices and ConnectVertices do); no result means no such vertex (or, given `label`, none with that
 * label: a typed schema's update only touches its own type).
 */
export class UpdateVertex implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly id: string,
    readonly writes: PropertyWritesNode,
    readonly projection: ProjectionNode,
    readonly label?: string,
    readonly relationships: RelationshipChanges = NO_CHANGES,
  ) {}

  print(): string {
    const label = this.label === undefined ? '' : `:${this.label}`;
    const edges = [...this.relationships.disconnect.map((e) => `, drop ${printEdges(e)}`), ...this.relationships.connect.map((e) => `, ${printEdges(e)}`)].join('');
    return `UpdateVertex(${printValue(this.id)}${label}, ${printPropertyWrites(this.writes)}${edges}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const found = this.label === undefined ? g.V(this.id) : g.V(this.id).hasLabel(this.label);
    const dropped = this.relationships.disconnect.reduce(applyDisconnect, applyVertexPropertyWrites(found, this.writes));
    return applyProjection(this.relationships.connect.reduce(applyConnect, dropped), this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}
