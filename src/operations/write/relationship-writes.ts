import { printValue } from '../../gremlin/print';
import { P, __, g, type GraphTraversal } from '../../gremlin/source';
import type { DirectionName } from '../hop';
import type { Operation } from '../operation';
import { applyProjection, decodeVertex, printProjection, type ProjectionNode } from '../projection';
import type { VertexRecord } from '../records';

/** Edges of one label between a vertex and `targets`, as a typed relationship field (`User.follows`) sees them. */
export interface RelationshipEdgesNode {
  readonly edgeLabel: string;
  /** From the vertex's side; BOTH matches either way and creates outgoing edges. */
  readonly direction: DirectionName;
  /** The targets' label must be one of these (several for a union or interface of types). */
  readonly targetLabels: readonly string[];
  readonly targets: readonly string[];
}

/** The relationship's edges of vertex `id` with `label`. */
export interface RelationshipWriteNode extends RelationshipEdgesNode {
  readonly id: string;
  readonly label: string;
}

/** Edges to make sure of, and the properties to set on each. */
export interface NewEdgesNode extends RelationshipEdgesNode {
  readonly properties: ReadonlyMap<string, unknown>;
}

/**
 * Appends a side effect adding an edge to each target, for a vertex just created, which has no edges to look
 * for first. A target that doesn't exist or has another label fails `to()`/`from()`, and the whole traversal.
 */
export function applyNewEdges(t: GraphTraversal, n: NewEdgesNode): GraphTraversal {
  for (const target of n.targets) t = t.sideEffect(withProperties(newEdge(n, target), n.properties));
  return t;
}

/** As applyNewEdges, but an edge that already joins the vertex to a target is kept (and given the properties). */
export function applyConnect(t: GraphTraversal, n: NewEdgesNode): GraphTraversal {
  for (const target of n.targets) t = t.sideEffect(withProperties(__.coalesce(existingEdges(n, P.eq(target)), newEdge(n, target)), n.properties));
  return t;
}

/** Appends a side effect dropping the relationship's edges to the targets; ids without one are ignored. */
export function applyDisconnect(t: GraphTraversal, n: RelationshipEdgesNode): GraphTraversal {
  return t.sideEffect(existingEdges(n, P.within([...n.targets])).drop());
}

/** `-FOLLOWS-> ["bob"]:User`, and for new edges their properties: `{since=2024}`. */
export function printEdges(n: RelationshipEdgesNode | NewEdgesNode): string {
  const props = 'properties' in n ? `, ${printProperties(n.properties)}` : '';
  const arrow = { OUT: `-${n.edgeLabel}->`, IN: `<-${n.edgeLabel}-`, BOTH: `-${n.edgeLabel}-` }[n.direction];
  return `${arrow} [${n.targets.map((t) => printValue(t)).join(', ')}]:${n.targetLabels.join('|')}${props}`;
}

function printProperties(properties: ReadonlyMap<string, unknown>): string {
  return `{${[...properties].map(([k, v]) => `${k}=${printValue(v)}`).join(', ')}}`;
}

/**
 * Makes sure an edge joins the vertex to each target, creating only the missing ones, and sets `properties`
 * on all of them, in one traversal: a target that doesn't exist (or has another label) fails the whole write.
 * No result means no vertex `id` with `label`.
 */
export class ConnectVertices implements Operation<VertexRecord | undefined> {
  readonly mode = 'write';

  constructor(
    readonly node: RelationshipWriteNode,
    readonly properties: ReadonlyMap<string, unknown>,
    readonly projection: ProjectionNode,
  ) {}

  print(): string {
    return `ConnectVertices(${printValue(this.node.id)}:${this.node.label} ${printEdges({ ...this.node, properties: this.properties })}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const n = this.node;
    return applyProjection(applyConnect(g.V(n.id).hasLabel(n.label), { ...n, properties: this.properties }), this.projection);
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
    return `DisconnectVertices(${printValue(this.node.id)}:${this.node.label} ${printEdges(this.node)}, ${printProjection(this.projection)})`;
  }

  traversal(): GraphTraversal {
    const n = this.node;
    return applyProjection(applyDisconnect(g.V(n.id).hasLabel(n.label), n), this.projection);
  }

  decode(results: unknown[]): VertexRecord | undefined {
    return results.length > 0 ? decodeVertex(results[0], this.projection) : undefined;
  }
}

/** BOTH creates outgoing edges. */
function newEdge(n: RelationshipEdgesNode, target: string): GraphTraversal {
  const end = __.V(target).hasLabel(...n.targetLabels);
  return n.direction === 'IN' ? __.addE(n.edgeLabel).from_(end) : __.addE(n.edgeLabel).to(end);
}

function withProperties(edge: GraphTraversal, properties: ReadonlyMap<string, unknown>): GraphTraversal {
  for (const [key, value] of properties) edge = edge.property(key, value);
  return edge;
}

function existingEdges(n: RelationshipEdgesNode, otherEnd: unknown): GraphTraversal {
  switch (n.direction) {
    case 'OUT':
      return __.outE(n.edgeLabel).where(__.inV().hasId(otherEnd).hasLabel(...n.targetLabels));
    case 'IN':
      return __.inE(n.edgeLabel).where(__.outV().hasId(otherEnd).hasLabel(...n.targetLabels));
    case 'BOTH':
      return __.bothE(n.edgeLabel).where(__.otherV().hasId(otherEnd).hasLabel(...n.targetLabels));
  }
}
