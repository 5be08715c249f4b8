import { printValue } from '../../gremlin/print';
import { P, __, g, type GraphTraversal } from '../../gremlin/source';
import type { DirectionName } from '../hop';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { VertexRecord } from '../records';

/** Edges of one label between a vertex and others, as a typed relationship field (`User.follows`) sees them. */
export interface RelationshipWriteNode {
  readonly id: string;
  readonly label: string;
  readonly edgeLabel: string;
  /** From the vertex's side; BOTH matches either way and creates outgoing edges. */
  readonly direction: DirectionName;
  /** The targets' label must be one of these (several for a union or interface of types). */
  readonly targetLabels: readonly string[];
  readonly targets: readonly string[];
}

/** Edges of one relationship to add from a vertex being created, which has none yet to look for first. */
export interface NewEdgesNode {
  readonly edgeLabel: string;
  readonly direction: DirectionName;
  readonly targetLabels: readonly string[];
  readonly targets: readonly string[];
  readonly properties: ReadonlyMap<string, unknown>;
}

/** Appends a side effect adding each edge; a target that doesn't exist or has another label fails the traversal. */
export function applyNewEdges(t: GraphTraversal, n: NewEdgesNode): GraphTraversal {
  for (const target of n.targets) t = t.sideEffect(withProperties(newEdge(n, target), n.properties));
  return t;
}

export function printNewEdges(n: NewEdgesNode): string {
  const props = [...n.properties].map(([k, v]) => `${k}=${printValue(v)}`).join(', ');
  return `${arrowOf(n)} [${n.targets.map((t) => printValue(t)).join(', ')}]:${n.targetLabels.join('|')} {${props}}`;
}

/**
 * Makes sure an edge joins the vertex to each target, creating only the missing ones, and sets `properties`
 * on all of them, in one traversal: a target that doesn't exist (or has another label) fails `to()`/`from()`,
 * and with it the whole write. No result means no vertex `id` with `label`.
 */
export class ConnectVertices implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly node: RelationshipWriteNode,
    readonly properties: ReadonlyMap<string, unknown>,
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    const props = [...this.properties].map(([k, v]) => `${k}=${printValue(v)}`).join(', ');
    return `ConnectVertices(${printRelationship(this.node)}, {${props}}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const n = this.node;
    let t = g.V(n.id).hasLabel(n.label);
    for (const target of n.targets) t = t.sideEffect(withProperties(__.coalesce(existingEdges(n, P.eq(target)), newEdge(n, target)), this.properties));
    return applyProjection(t, this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}

/** Removes every edge of the relationship between the vertex and the targets; no result means no such vertex. */
export class DisconnectVertices implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly node: RelationshipWriteNode,
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `DisconnectVertices(${printRelationship(this.node)}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const n = this.node;
    return applyProjection(g.V(n.id).hasLabel(n.label).sideEffect(existingEdges(n, P.within([...n.targets])).drop()), this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}

function existingEdges(n: RelationshipWriteNode, otherEnd: unknown): GraphTraversal {
  switch (n.direction) {
    case 'OUT':
      return __.outE(n.edgeLabel).where(__.inV().hasId(otherEnd).hasLabel(...n.targetLabels));
    case 'IN':
      return __.inE(n.edgeLabel).where(__.outV().hasId(otherEnd).hasLabel(...n.targetLabels));
    case 'BOTH':
      return __.bothE(n.edgeLabel).where(__.otherV().hasId(otherEnd).hasLabel(...n.targetLabels));
  }
}

/** BOTH creates outgoing edges. */
function newEdge(n: Pick<NewEdgesNode, 'edgeLabel' | 'direction' | 'targetLabels'>, target: string): GraphTraversal {
  const end = __.V(target).hasLabel(...n.targetLabels);
  return n.direction === 'IN' ? __.addE(n.edgeLabel).from_(end) : __.addE(n.edgeLabel).to(end);
}

function withProperties(edge: GraphTraversal, properties: ReadonlyMap<string, unknown>): GraphTraversal {
  for (const [key, value] of properties) edge = edge.property(key, value);
  return edge;
}

function arrowOf(n: Pick<NewEdgesNode, 'edgeLabel' | 'direction'>): string {
  return { OUT: `-${n.edgeLabel}->`, IN: `<-${n.edgeLabel}-`, BOTH: `-${n.edgeLabel}-` }[n.direction];
}

function printRelationship(n: RelationshipWriteNode): string {
  return `${printValue(n.id)}:${n.label} ${arrowOf(n)} [${n.targets.map((t) => printValue(t)).join(', ')}]:${n.targetLabels.join('|')}`;
}
