import gremlin from 'gremlin';
import { printTraversal } from '../gremlin/print';
import { __, anonymous, type GraphTraversal } from '../gremlin/source';
import { applyHop, printHop, type HopNode } from './hop';
import { applyProjection, decodeEdge, decodeVertex, printProjection, type ProjectionNode } from './projection';
import { decodeNeighbours, neighbourBranch, printNeighbours, type NeighbourQueryNode } from './read/neighbour-pages';
import { decodeRelationship, printRelationship, relationshipBranch, type RelationshipQueryNode } from './read/relationship-pages';

/**
 * A field read from an element inside the element's own projection (`project(...).by(<branch>)`), so a whole
 * selection, however deep, is one traversal. Each kind compiles to a branch yielding exactly one value per
 * element (a folded list, a count, a map), which `decodeNested` turns into what its resolver returns.
 */
export type NestedNode =
  /** A page of neighbours or incident edges: a ConnectionRecord. */
  | { readonly kind: 'neighbours'; readonly query: NeighbourQueryNode }
  /** A typed relationship's page: a RelationshipConnectionRecord. */
  | { readonly kind: 'relationship'; readonly query: RelationshipQueryNode }
  /** The number of incident edges. */
  | { readonly kind: 'degree'; readonly hop: HopNode }
  /** An edge's end point: a VertexRecord, or null. */
  | { readonly kind: 'endpoint'; readonly end: 'outV' | 'inV'; readonly projection: ProjectionNode }
  /** The same element under another selection (the `typed` view of a vertex, `vertex` of a typed one): a record. */
  | { readonly kind: 'view'; readonly projection: ProjectionNode }
  /** A schema author's traversal from the element (already bound and limited): its results, vertices projected. */
  | { readonly kind: 'custom'; readonly field: string; readonly traversal: GraphTraversal; readonly projection?: ProjectionNode }
  /** `node` on elements of these labels only (one member's field in an interface or union position); else absent. */
  | { readonly kind: 'member'; readonly labels: readonly string[]; readonly node: NestedNode };

/** A nested field under the name its resolver looks it up by (see src/planner). */
export interface NestedField {
  readonly name: string;
  readonly node: NestedNode;
}

export function nestedBranch(node: NestedNode): GraphTraversal {
  switch (node.kind) {
    case 'neighbours':
      return neighbourBranch(node.query);
    case 'relationship':
      return relationshipBranch(node.query);
    case 'degree': {
      // An edge from the vertex to itself is one incident edge, though bothE() meets it at both ends.
      const edges = applyHop(anonymous(), node.hop);
      return (node.hop.direction === 'BOTH' ? edges.dedup() : edges).count();
    }
    case 'endpoint':
      return applyProjection(node.end === 'outV' ? __.outV() : __.inV(), node.projection).fold();
    case 'view':
      return applyProjection(anonymous(), node.projection);
    case 'custom': {
      // Steps append to a traversal in place: compiling works on a copy, so the plan stays as planned.
      const traversal = anonymous(new gremlin.process.Bytecode(node.traversal.getBytecode()));
      return (node.projection ? applyProjection(traversal, node.projection) : traversal).fold();
    }
    case 'member':
      // Every branch yields one value per element, so map() keeps it whole; fold() gives [] on another label.
      return __.hasLabel(...(node.labels as [string, ...string[]])).map(nestedBranch(node.node)).fold();
  }
}

export function decodeNested(value: unknown, node: NestedNode): unknown {
  switch (node.kind) {
    case 'neighbours':
      return decodeNeighbours(value, node.query);
    case 'relationship':
      return decodeRelationship(value, node.query);
    case 'degree':
      return Number(value);
    case 'endpoint': {
      const [first] = value as unknown[];
      return first === undefined ? null : decodeVertex(first, node.projection);
    }
    case 'view':
      return node.projection.element === 'vertex' ? decodeVertex(value, node.projection) : decodeEdge(value, node.projection);
    case 'custom': {
      const projection = node.projection;
      return projection ? (value as unknown[]).map((item) => decodeVertex(item, projection)) : value;
    }
    case 'member': {
      const [first] = value as unknown[];
      return first === undefined ? undefined : decodeNested(first, node.node);
    }
  }
}

export function printNested(node: NestedNode): string {
  switch (node.kind) {
    case 'neighbours':
      return printNeighbours(node.query);
    case 'relationship':
      return printRelationship(node.query);
    case 'degree':
      return `Degree(${printHop(node.hop)})`;
    case 'endpoint':
      return `${node.end}(${printProjection(node.projection)})`;
    case 'view':
      return `View(${printProjection(node.projection)})`;
    case 'custom':
      return `Custom(${node.field}, ${printTraversal(node.traversal)}${node.projection ? `, ${printProjection(node.projection)}` : ''})`;
    case 'member':
      return `Member(${node.labels.join('|')}, ${printNested(node.node)})`;
  }
}

/**
 * Plans compare by value, traversals (a @gremlin field's) by their text: equal signatures compile alike. A plan
 * is never changed once made and kept plans serve request after request, so an object's signature is kept.
 */
export function signature(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  let known = signatures.get(value);
  if (known === undefined) {
    known = JSON.stringify(value, (_key, v) => (v instanceof gremlin.process.Traversal ? printTraversal(v) : v));
    signatures.set(value, known);
  }
  return known;
}

const signatures = new WeakMap<object, string>();
