import { Order, __, anonymous, type GraphTraversal } from '../../gremlin/source';
import { applyFilter, printFilter, type FilterNode } from '../filter';
import { applyHop, printHop, type HopNode } from '../hop';
import { applyOrder, printOrder, type OrderNode } from '../order';
import { applyPage, printPage, type PageNode } from '../page';
import { applyProjection, decodeEdge, decodeVertex, printProjection, projectionTraversal, type ProjectionNode } from '../projection';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../records';
import { decodePageBranch, pageBranch } from './parent-pages';

/**
 * A typed relationship field (`follows`, `followsConnection`) of a vertex. Unlike the generic `out`, it yields
 * one item per relationship — a neighbour reached along two edges appears twice, as in the Neo4j GraphQL
 * Library — so that the list form, the connection form and the edge properties all count and page alike.
 * `hop` carries the target type's label.
 */
export interface RelationshipQueryNode {
  readonly hop: HopNode;
  /** On the neighbour vertices. */
  readonly filter?: FilterNode;
  /** On the edges walked. */
  readonly edgeFilter?: FilterNode;
  readonly order: OrderNode;
  readonly page: PageNode;
  readonly projection: ProjectionNode;
  /** Present when the selection reads the edges themselves; then the edges are walked and projected too. */
  readonly edgeProjection?: ProjectionNode;
  readonly count: boolean;
}

export interface RelationshipConnectionRecord extends ConnectionRecord<VertexRecord> {
  /** Aligned with `nodes`, when the query had an edge projection. */
  readonly edges?: readonly EdgeRecord[];
}

const EDGE = 'e';

export function printRelationship(q: RelationshipQueryNode): string {
  const parts = [
    printHop(q.hop),
    q.edgeFilter ? `edgeWhere=${printFilter(q.edgeFilter)}` : undefined,
    q.filter ? `where=${printFilter(q.filter)}` : undefined,
    `order=${printOrder(q.order)}`,
    `page=${printPage(q.page)}`,
    printProjection(q.projection),
    q.edgeProjection ? printProjection(q.edgeProjection) : undefined,
    q.count ? 'count' : undefined,
  ];
  return `Relationship(${parts.filter(Boolean).join(', ')})`;
}

/**
 * From a vertex, its page of the relationship, order and window inside the parent's `by()`. When edges are
 * needed the walk is `outE(L).as('e').inV()`, so filters and orderings still apply to the vertex and the edge
 * is picked back with `select('e')`; ties on the same vertex then break on the edge id.
 */
export function relationshipBranch(q: RelationshipQueryNode): GraphTraversal {
  return pageBranch(items(q), q.count ? match(q).count() : undefined);
}

export function decodeRelationship(value: unknown, q: RelationshipQueryNode): RelationshipConnectionRecord {
  const edgeProjection = q.edgeProjection;
  const vertexOf = (item: unknown) => (edgeProjection ? (item as Map<string, unknown>).get('node') : item);
  const { items: fetched, ...rest } = decodePageBranch(value, q.page, q.count);
  return {
    ...rest,
    nodes: fetched.map((item) => decodeVertex(vertexOf(item), q.projection)),
    edges: edgeProjection ? fetched.map((item) => decodeEdge((item as Map<string, unknown>).get('edge'), edgeProjection)) : undefined,
  };
}

function walksEdges(q: RelationshipQueryNode): boolean {
  return q.edgeProjection !== undefined || q.edgeFilter !== undefined;
}

/** The neighbour vertices, one per relationship, filtered; the edge labelled `e` when walking edges. */
function match(q: RelationshipQueryNode): GraphTraversal {
  let t: GraphTraversal;
  if (walksEdges(q)) {
    t = applyHop(anonymous(), { ...q.hop, target: 'edge', vertexLabels: undefined });
    if (q.edgeFilter) t = applyFilter(t, q.edgeFilter);
    t = t.as(EDGE);
    t = q.hop.direction === 'OUT' ? t.inV() : q.hop.direction === 'IN' ? t.outV() : t.otherV();
    if (q.hop.vertexLabels && q.hop.vertexLabels.length > 0) t = t.hasLabel(...q.hop.vertexLabels);
  } else {
    t = applyHop(anonymous(), q.hop);
  }
  return q.filter ? applyFilter(t, q.filter) : t;
}

function items(q: RelationshipQueryNode): GraphTraversal {
  let ordered = applyOrder(match(q), q.order);
  if (walksEdges(q)) ordered = ordered.by(__.select(EDGE).id(), Order.asc);
  const windowed = applyPage(ordered, q.page, q.count);
  if (!q.edgeProjection) return applyProjection(windowed, q.projection);
  return windowed
    .project('edge', 'node')
    .by(applyProjection(__.select(EDGE), q.edgeProjection))
    .by(projectionTraversal(q.projection));
}
